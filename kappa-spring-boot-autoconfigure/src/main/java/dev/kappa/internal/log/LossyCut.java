package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.kappa.core.KappaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local log after a recovery cut that may have removed entries its writer had published: the log is
 * <em>awaiting its own entries</em>. {@link #FILE} records the first seq lost and the length awaited; while it
 * exists the log refuses appends (they would sign those seqs a second time) but accepts verified chunks of its
 * own key, as a replica does. Appends resume once the log holds the awaited length again (the chunks stored,
 * forced and covered by a recovery point), or when the operator deletes the file (accepting the loss).
 * <p>
 * The length awaited is the longest this node's files show the log had before the cut (the recovery point,
 * the offsets index, a torn frame's header), at least one entry past the cut, raised by every verified head of
 * the log's own key that a peer announces meanwhile. File content: the first seq lost, a line feed, then
 * {@code awaiting <length>} and a line feed (a file of only the first line, from an older version, awaits one
 * entry past it).
 */
final class LossyCut {

	static final String FILE = "log.cut";

	private static final Logger logger = LoggerFactory.getLogger(LossyCut.class);

	private final Path marker;

	private final String id;

	private final LogFileIo io;

	private volatile boolean awaiting;

	/** The first seq lost (as the file says it). */
	private String from = "";

	private volatile long awaited = -1;

	private LossyCut(Path dir, String id, LogFileIo io) {
		this.marker = dir.resolve(FILE);
		this.id = id;
		this.io = io;
	}

	/**
	 * The guard of the local log in {@code dir} as recovery found it: records a lossy cut this open made, awaits
	 * the entries if a cut (now or at an earlier open) is recorded, and stops awaiting if the log holds them
	 * already (fetched back before a crash that came before the file was deleted).
	 */
	static LossyCut open(Path dir, String id, LogRecovery.Result state, LogChannel data, LogFileIo io) throws IOException {
		LossyCut cut = open(dir, id, state.lossyCutAt(), state.knownLength(), io);
		long length = state.tree().length();
		if (cut.awaiting && length >= cut.awaited) {
			data.force();
			cut.stored(length);
		}
		return cut;
	}

	private static LossyCut open(Path dir, String id, long lossyCutAt, long knownLength, LogFileIo io) throws IOException {
		LossyCut cut = new LossyCut(dir, id, io);
		if (Files.exists(cut.marker)) {
			cut.read();
		}
		if (lossyCutAt >= 0) {
			long earlier = cut.awaiting ? parseOr(cut.from, lossyCutAt) : lossyCutAt;
			cut.from = Long.toString(Math.min(earlier, lossyCutAt));
			cut.awaited = Math.max(cut.awaited, Math.max(knownLength, lossyCutAt + 1));
			cut.awaiting = true;
			cut.write();
		}
		if (cut.awaiting) {
			logger.error(cut.refusal());
		}
		return cut;
	}

	private void read() throws IOException {
		String[] lines = Files.readString(this.marker, StandardCharsets.UTF_8).strip().split("\\s*\\n\\s*");
		this.from = lines[0].strip();
		long first = parseOr(this.from, -1);
		this.awaited = first < 0 ? Long.MAX_VALUE : first + 1; // unreadable: never resumes by itself
		if (lines.length > 1 && lines[1].startsWith("awaiting ")) {
			this.awaited = Math.max(this.awaited == Long.MAX_VALUE ? 0 : this.awaited,
					parseOr(lines[1].substring(9).strip(), Long.MAX_VALUE));
		}
		this.awaiting = true;
	}

	private static long parseOr(String value, long otherwise) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return otherwise;
		}
	}

	private void write() throws IOException {
		AtomicFiles.write(this.io, this.marker,
				(this.from + "\nawaiting " + this.awaited + "\n").getBytes(StandardCharsets.UTF_8));
	}

	private String refusal() {
		return "Log " + this.id + " refuses appends: a recovery cut removed entries from seq " + this.from + " on that"
				+ " its writer may have acknowledged or published; appending would sign those seqs a second time (a fork"
				+ " for every peer holding the originals). It awaits its own entries up to length " + this.awaited
				+ " from a peer that holds them (replication stores them as for a replica; a copy of the log from a"
				+ " backup works too), or accept the loss by deleting " + this.marker;
	}

	/**
	 * Whether the log still awaits its own entries; once the operator deleted {@link #FILE}, logs that appends
	 * resume at {@code length}.
	 */
	boolean awaiting(long length) {
		if (this.awaiting && !Files.exists(this.marker)) {
			this.awaiting = false;
			logger.warn("Log {}: {} was deleted: the loss is accepted and appends resume at seq {}", this.id, this.marker,
					length);
		}
		return this.awaiting;
	}

	/** The length awaited, or -1 if the log does not await its entries. */
	long awaited() {
		return this.awaiting ? this.awaited : -1;
	}

	/** Throws while appends are refused. */
	void checkAppendsAllowed(long length) {
		if (awaiting(length)) {
			throw new KappaException(refusal());
		}
	}

	/** A verified head of the log's own key of {@code length} entries: awaits at least that many. */
	synchronized void headSeen(long length) {
		if (this.awaiting && length > this.awaited) {
			this.awaited = length;
			try {
				write();
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException("Cannot record in " + this.marker + " that log " + this.id
						+ " awaits " + length + " entries", ex);
			}
			logger.info("Log {}: a peer holds {} of its entries; appends resume once they are fetched back", this.id,
					length);
		}
	}

	/**
	 * The log holds {@code durableLength} entries, all forced: if that is the length awaited, appends resume
	 * ({@link #FILE} is deleted).
	 */
	synchronized void stored(long durableLength) throws IOException {
		if (this.awaiting && durableLength >= this.awaited) {
			Files.deleteIfExists(this.marker);
			Directories.force(this.marker.getParent());
			this.awaiting = false;
			logger.warn("Log {}: its own entries up to seq {} were fetched back from a peer and verified; appends resume"
					+ " at seq {}", this.id, durableLength - 1, durableLength);
		}
	}
}
