package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks run when a log is opened. Every batch frame of the data file is walked and its CRC checked;
 * frames the recovery point covers must agree with the offsets index; frames after it are replayed into the
 * index and tree (re-hashing their entries and verifying their signatures); the last signature must verify
 * over the tree's roots.
 * <p>
 * Only a torn tail, which a crash leaves, is repaired: an unfinished frame at the end of the data file, and
 * covered frames no signed frame follows (a signed group whose write never completed), are cut off and logged. Anything else (a checksum, hash or signature that does not match, an index that
 * disagrees with the data) throws {@link CorruptLogException} naming the file and offset.
 */
final class LogRecovery {

	private static final Logger logger = LoggerFactory.getLogger(LogRecovery.class);

	/**
	 * How a log was found.
	 * @param lossyCutAt the seq from which a cut may have removed acknowledged entries, or -1
	 * @param knownLength the longest length the files showed before a cut (recovery point, index, torn frame)
	 * @param covered whether it holds a signed group of several frames
	 */
	record Result(MerkleTree tree, long dataEnd, byte[] signature, RecoveryPoint recoveryPoint, long lossyCutAt,
			long knownLength, boolean covered) {
	}

	private final String log;

	private final Path dir;

	private final LogChannel data;

	private final OffsetIndex index;

	private final TreeFile tree;

	private final SignatureScheme scheme;

	private final FileWindow frames;

	private final FileWindow indexWindow;

	private final LogOptions options;

	/** The data file ends before the recovery point, and the operator allowed the cut. */
	private boolean lostBeforeScan;

	private LogRecovery(LogKey key, SignatureScheme scheme, Path dir, LogChannel data, OffsetIndex index, TreeFile tree,
			LogOptions options) {
		this.options = options;
		this.log = key.toString();
		this.dir = dir;
		this.data = data;
		this.index = index;
		this.tree = tree;
		this.scheme = scheme;
		this.frames = new FileWindow(data);
		this.indexWindow = new FileWindow(index.file());
	}

	static Result recover(LogKey key, SignatureScheme scheme, Path dir, LogChannel data, OffsetIndex index,
			TreeFile tree, LogOptions options) throws IOException {
		return new LogRecovery(key, scheme, dir, data, index, tree, options).run();
	}

	/**
	 * Where the data file is cut: at {@code pos}, why, and whether acknowledged entries may be in the cut
	 * ({@code lossy}: a refused cut the operator allowed; {@code unpublished}: entries never published).
	 */
	private record Cut(long pos, String why, long entries, boolean lossy, boolean unpublished) {

		Cut(long pos, String why, long entries, boolean lossy) {
			this(pos, why, entries, lossy, false);
		}
	}

	/** Where the forward scan of the data file got to. */
	private static final class Scan {

		long pos = LogFiles.DATA_HEADER;

		long seq;

		byte[] signature;

		/** The end of the last signed frame, and the entries up to it. */
		long signedPos = LogFiles.DATA_HEADER;

		long signedSeq;

		/** A covered frame was seen since the last signed frame; a signed group of several frames was seen. */
		boolean inGroup;

		boolean covered;

		/** The tree replayed past the recovery point, or {@code null} if no frame lies past it. */
		MerkleTree replay;

		long replayed;

		Cut cut;
	}

	private Result run() throws IOException {
		long indexBefore = this.index.entries();
		RecoveryPoint stored = RecoveryPoint.read(this.dir, this.log);
		boolean pointMissing = stored == null;
		RecoveryPoint point = startingPoint();
		long size = this.data.size();
		Scan scan = scan(point, size);
		checkEnd(scan, point, indexBefore);
		cutUnsignedGroup(scan);
		boolean lossy = this.lostBeforeScan || scan.cut != null && (scan.cut.lossy()
				|| scan.cut.entries() != 0 && !scan.cut.unpublished() && this.options.fsync() != FsyncPolicy.BATCH);
		if (scan.cut != null) {
			logCut(scan.cut, size, scan.seq, lossy);
			this.data.truncate(scan.pos);
			this.data.force();
		}
		MerkleTree merkle = scan.replay != null ? scan.replay : MerkleTree.ofLength(scan.seq, 0, this.tree);
		if (scan.signature != null && !merkle.signedBy(this.scheme, scan.signature)) {
			throw new CorruptLogException(this.log, this.tree.path(), TreeFile.position(2 * scan.seq - 2),
					"the tree's roots at length " + scan.seq + " do not match the last batch's signature");
		}
		this.index.truncate(scan.seq);
		this.tree.truncate(scan.seq);
		if (scan.replayed > 0 || scan.cut != null || pointMissing) {
			this.index.force();
			this.tree.force();
			point = new RecoveryPoint(scan.seq, scan.pos);
			point.write(this.options.io(), this.dir);
			if (scan.replayed > 0) {
				logger.info("Log {}: rebuilt the index and tree for {} entries after the last recovery point", this.log,
						scan.replayed);
			}
		}
		long torn = scan.cut != null && scan.cut.entries() > 0 ? scan.seq + scan.cut.entries() : 0;
		long known = Math.max(Math.max(indexBefore, torn), pointMissing ? 0 : stored.length());
		return new Result(merkle, scan.pos, scan.signature, point, lossy ? scan.seq : -1, Math.max(known, scan.seq),
				scan.covered);
	}

	/**
	 * Walks every frame from the data header: frames the recovery point covers are checked against the
	 * index, later ones replayed; stops at the end or at what ends the data (a cut).
	 */
	private Scan scan(RecoveryPoint point, long size) throws IOException {
		Scan scan = new Scan();
		List<TreeNode> created = new ArrayList<>();
		while (scan.pos < size) {
			scan.cut = tailAt(scan.pos, size, scan.seq);
			if (scan.cut != null) {
				break;
			}
			int frameLength = Frame.frameLength(this.frames.buffer(), this.frames.offsetOf(scan.pos));
			String problem = checkFrame(scan.pos, frameLength, scan.seq);
			if (problem != null) {
				scan.cut = refuse(scan.pos, problem);
				break;
			}
			byte[] buf = this.frames.buffer();
			int at = this.frames.offsetOf(scan.pos);
			int count = Frame.count(buf, at);
			if (scan.pos + frameLength <= point.dataEnd()) {
				checkIndex(buf, at, scan.pos, point);
			}
			else {
				if (scan.replay == null) {
					scan.replay = treeAt(point, scan.pos);
				}
				replayFrame(buf, at, scan.pos, scan.replay, created);
				scan.replayed += count;
			}
			scan.seq += count;
			scan.pos += frameLength;
			endOfFrame(scan, buf, at, frameLength);
		}
		return scan;
	}

	/** Keeps track of signed groups after the frame at {@code buf[at]} was walked. */
	private static void endOfFrame(Scan scan, byte[] buf, int at, int frameLength) {
		if (Frame.covered(buf, at)) {
			scan.inGroup = true;
			return;
		}
		scan.signature = Frame.signature(buf, at + frameLength);
		scan.covered |= scan.inGroup;
		scan.inGroup = false;
		scan.signedPos = scan.pos;
		scan.signedSeq = scan.seq;
	}

	/**
	 * A data file that ends in covered frames holds a signed group whose write never completed (its signed frame
	 * is missing or torn): it is cut back to the last signed frame. Its entries were never published.
	 */
	private static void cutUnsignedGroup(Scan scan) {
		if (scan.seq == scan.signedSeq) {
			return;
		}
		Cut torn = scan.cut;
		long entries = scan.seq - scan.signedSeq + (torn != null && torn.entries() > 0 ? torn.entries() : 0);
		String why = "covered frames of entries " + scan.signedSeq + ".." + (scan.seq - 1) + " that no signed frame"
				+ " follows (a signed group whose store never returned; its entries were never published)";
		scan.cut = new Cut(scan.signedPos, torn == null ? why : torn.why() + ", after " + why, entries,
				torn != null && torn.lossy(), true);
		scan.pos = scan.signedPos;
		scan.seq = scan.signedSeq;
		scan.replay = null; // the tree at the signed frame is in log.tree (stored or replayed)
	}

	/** After the scan: a data file that ends too soon for the recovery point or the index is a refused cut. */
	private void checkEnd(Scan scan, RecoveryPoint point, long indexBefore) throws IOException {
		if (scan.pos < point.dataEnd() && (scan.cut == null || !scan.cut.lossy())) {
			scan.cut = refuse(scan.pos, "the data file ends before the recovery point (" + point.dataEnd() + ")");
		}
		if (indexBefore > scan.seq && !onlyTheCutFrame(scan.seq, indexBefore, scan.pos)) {
			scan.cut = refuse(scan.pos, "log.idx holds " + indexBefore + " entries but the data file only " + scan.seq
					+ " up to here: entries were lost from the data file");
		}
		if (scan.pos < point.dataEnd()) {
			scan.replay = null; // the cut goes below the recovery point: the tree is taken from the replayed frames only
		}
	}

	/** The recovery point to start from: the stored one, or a full scan if it is missing or the derived files fall short. */
	private RecoveryPoint startingPoint() throws IOException {
		RecoveryPoint point = RecoveryPoint.read(this.dir, this.log);
		RecoveryPoint full = new RecoveryPoint(0, LogFiles.DATA_HEADER);
		if (point == null) {
			if (this.data.size() > LogFiles.DATA_HEADER || this.index.entries() > 0) {
				logger.warn("Log {}: {} is missing; rebuilding the index and tree from a full scan of {}", this.log,
						this.dir.resolve(RecoveryPoint.FILE), this.data.path());
			}
			return full;
		}
		if (point.dataEnd() < LogFiles.DATA_HEADER || point.dataEnd() > this.data.size()) {
			this.lostBeforeScan = true;
			refuse(this.data.size(), "the recovery point's data end " + point.dataEnd() + " lies outside "
					+ this.data.path() + " (" + this.data.size() + " bytes)");
			return full;
		}
		long slots = point.length() == 0 ? 0 : 2 * point.length() - 1;
		if (point.length() > this.index.entries() || this.tree.slots() < slots) {
			logger.warn("Log {}: {} ({} entries) or {} ({} nodes) is missing or shorter than the recovery point ({}"
					+ " entries) covers; both are rebuilt from {}", this.log, this.index.path(), this.index.entries(),
					this.tree.path(), this.tree.slots(), point.length(), this.data.path());
			this.index.truncate(0);
			this.tree.truncate(0);
			return full;
		}
		return point;
	}

	/**
	 * A cut that may lose acknowledged entries: fails the open naming file and offset, unless the operator
	 * allowed such cuts ({@code kappa.log.recovery.allow-cut}); then it is a lossy cut at {@code pos}.
	 */
	private Cut refuse(long pos, String problem) {
		if (!this.options.allowCut()) {
			throw new CorruptLogException(this.log, this.data.path(), pos, problem
					+ "; cutting the log here could lose acknowledged entries (kappa.log.recovery.allow-cut=true allows it)");
		}
		return new Cut(pos, problem, -1, true);
	}

	/** Whether index entries {@code [seq, indexed)} are at most one frame, starting at the cut: the torn last one. */
	private boolean onlyTheCutFrame(long seq, long indexed, long cutPos) throws IOException {
		int n = (int) Math.min(indexed - seq, Frame.MAX_LENGTH / 4);
		if (n < indexed - seq) {
			return false;
		}
		byte[] buf = new byte[n * OffsetIndex.ENTRY];
		this.index.file().read(OffsetIndex.position(seq), buf, 0, buf.length);
		if (OffsetIndex.offset(buf, 0) < cutPos) {
			return false;
		}
		for (int i = 0; i < n - 1; i++) {
			if (OffsetIndex.lastInFrame(buf, i)) {
				return false;
			}
		}
		return true;
	}

	private void logCut(Cut cut, long size, long seq, boolean lossy) {
		String entries = cut.entries() < 0 ? "an unknown number of entries" : cut.entries() + " entries";
		if (cut.lossy()) {
			logger.error("Log {}: cut {} bytes at offset {} of {}: {}; {} from seq {} on are gone (allowed by"
					+ " kappa.log.recovery.allow-cut)", this.log, size - cut.pos(), cut.pos(), this.data.path(), cut.why(),
					entries, seq);
		}
		else if (lossy) {
			logger.warn("Log {}: cut {} bytes at offset {} of {}: {}; {} cut, from seq {} (fsync={}: they may have been"
					+ " acknowledged)", this.log, size - cut.pos(), cut.pos(), this.data.path(), cut.why(), entries, seq,
					this.options.fsync().name().toLowerCase(java.util.Locale.ROOT));
		}
		else if (cut.unpublished()) {
			logger.warn("Log {}: cut {} bytes at offset {} of {}: {}; {} cut, from seq {}", this.log, size - cut.pos(),
					cut.pos(), this.data.path(), cut.why(), entries, seq);
		}
		else {
			logger.warn("Log {}: cut {} bytes at offset {} of {}: {}; {} cut, from seq {} (a batch whose append never"
					+ " returned: fsync=batch forces a frame before acknowledging it)", this.log, size - cut.pos(),
					cut.pos(), this.data.path(), cut.why(), entries, seq);
		}
	}

	/**
	 * What ends the data at {@code pos}: {@code null} if a whole frame header is there and the frame fits; a
	 * torn last frame (a crash in its write); or, if the bytes cannot be a torn write, a refused cut.
	 */
	private Cut tailAt(long pos, long size, long seq) throws IOException {
		long remaining = size - pos;
		if (remaining < Frame.HEADER) {
			this.frames.load(pos, (int) remaining);
			return new Cut(pos, this.frames.allZero(pos, size) ? "zero bytes where the next frame would start"
					: "an incomplete frame header", -1, false);
		}
		this.frames.load(pos, Frame.HEADER);
		byte[] buf = this.frames.buffer();
		int at = this.frames.offsetOf(pos);
		if (!Frame.hasMagic(buf, at)) {
			if (this.frames.allZero(pos, size)) {
				return new Cut(pos, "zero bytes where the next frame would start", -1, false);
			}
			return refuse(pos, "no batch frame starts here (bad magic)");
		}
		int frameLength = Frame.frameLength(buf, at);
		if (frameLength <= 0 || pos + frameLength <= size) {
			return null;
		}
		long start = Frame.start(buf, at);
		int count = Frame.count(buf, at);
		if (count <= 0 || frameLength < Frame.length(count, 0) || frameLength > Frame.MAX_LENGTH || start != seq) {
			return refuse(pos, "invalid batch frame header (length " + frameLength + ", count " + count + ", start "
					+ start + ") running past the end of the file");
		}
		if (Frame.entriesOffset(count) <= remaining) {
			this.frames.load(pos, Frame.entriesOffset(count));
			buf = this.frames.buffer();
			at = this.frames.offsetOf(pos);
			long sum = Frame.entryBytes(buf, at, count);
			if (Frame.length(count, sum) != frameLength) {
				return refuse(pos, "the length field of the last frame (" + frameLength + ") disagrees with its entry"
						+ " lengths (a frame of " + Frame.length(count, sum) + " bytes): it cannot be trusted");
			}
		}
		return new Cut(pos, "a frame of " + frameLength + " bytes cut off by the end of the file", count, false);
	}

	/** What is wrong with the whole frame at {@code pos}, or {@code null}. */
	private String checkFrame(long pos, int frameLength, long expectedSeq) throws IOException {
		int loaded = (int) Math.min(Math.min(Math.max(frameLength, Frame.HEADER), Frame.MAX_LENGTH), this.data.size() - pos);
		this.frames.load(pos, loaded);
		return Frame.problem(this.frames.buffer(), this.frames.offsetOf(pos), loaded, expectedSeq);
	}

	/** A frame the recovery point covers: its entries must be exactly where the index says. */
	private void checkIndex(byte[] buf, int at, long pos, RecoveryPoint point) throws IOException {
		long start = Frame.start(buf, at);
		int count = Frame.count(buf, at);
		long entryPos = pos + Frame.entriesOffset(count);
		this.indexWindow.load(OffsetIndex.position(start), count * OffsetIndex.ENTRY);
		byte[] ix = this.indexWindow.buffer();
		int base = this.indexWindow.offsetOf(OffsetIndex.position(start));
		for (int i = 0; i < count; i++) {
			int size = Frame.entryLength(buf, at, i);
			if (!OffsetIndex.matches(ix, base, i, entryPos, size, i == count - 1 && !Frame.covered(buf, at))) {
				throw new CorruptLogException(this.log, this.index.path(), OffsetIndex.position(start + i),
						"the offsets index disagrees with the data for entry " + (start + i) + " (index says offset "
								+ OffsetIndex.offset(ix, base, i) + ", the data file has it at " + entryPos + ")");
			}
			entryPos += size;
		}
		if (pos + Frame.frameLength(buf, at) == point.dataEnd() && start + count != point.length()) {
			throw new CorruptLogException(this.log, this.dir.resolve(RecoveryPoint.FILE), 16,
					"the recovery point covers " + point.length() + " entries but its data end falls after entry "
							+ (start + count));
		}
	}

	private MerkleTree treeAt(RecoveryPoint point, long pos) {
		if (pos != point.dataEnd()) {
			throw new CorruptLogException(this.log, this.data.path(), pos,
					"the recovery point's data end " + point.dataEnd() + " is not at a frame boundary");
		}
		return MerkleTree.ofLength(point.length(), 0, this.tree);
	}

	/** A frame after the recovery point: re-hash it, verify its signature, rewrite its index and tree entries. */
	private void replayFrame(byte[] buf, int at, long pos, MerkleTree replay, List<TreeNode> created) throws IOException {
		long start = Frame.start(buf, at);
		int count = Frame.count(buf, at);
		int frameLength = Frame.frameLength(buf, at);
		created.clear();
		int entryAt = at + Frame.entriesOffset(count);
		for (int i = 0; i < count; i++) {
			int size = Frame.entryLength(buf, at, i);
			replay.append(buf, entryAt, size, created);
			entryAt += size;
		}
		if (!Frame.covered(buf, at) && !replay.signedBy(this.scheme, Frame.signature(buf, at + frameLength))) {
			throw new CorruptLogException(this.log, this.data.path(), Frame.signatureAt(pos + frameLength),
					"the signature of the batch frame of entries " + start + ".." + (start + count - 1) + " does not verify");
		}
		byte[] entries = new byte[count * OffsetIndex.ENTRY];
		OffsetIndex.putFrame(entries, buf, at, pos, count);
		this.index.write(start, entries, count);
		this.tree.write(created);
	}
}
