package dev.kappa.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The offsets index {@code log.idx}: for entry {@code seq}, at {@code 16 + 12 * seq}, the u64 offset of its
 * bytes in the data file and a u32 whose low 31 bits are their length and whose top bit marks the last
 * entry of a batch frame (the frame's signature follows that entry's bytes). Reads by seq are one positional
 * read. It is derived from the data file: written behind (the newest entries wait in memory, where reads
 * find them, until {@link #TAIL_ENTRIES} have gathered), forced at recovery points and rebuilt after them on
 * open.
 */
final class OffsetIndex implements Closeable {

	static final int HEADER = 16;

	static final int ENTRY = 12;

	private static final int LAST_IN_FRAME = 0x80000000;

	/** Entries held in memory before they are written. */
	static final int TAIL_ENTRIES = 4096;

	private final LogChannel file;

	// The tail: entries [tailStart, tailStart + tailCount) not yet written. Guarded by this.
	private byte[] tail = new byte[TAIL_ENTRIES * ENTRY];

	private long tailStart;

	private int tailCount;

	/** Entries below this are in the file (written, perhaps not forced): readable without the lock. */
	private volatile long written;

	private OffsetIndex(LogChannel file) {
		this.file = file;
		this.written = entries();
		this.tailStart = this.written;
	}

	static OffsetIndex open(LogFileIo io, Path path, boolean create, String log) throws IOException {
		return new OffsetIndex(LogChannel.open(io, path, LogChannel.header("KAPPAIDX", HEADER, null), create, log));
	}

	LogChannel file() {
		return this.file;
	}

	Path path() {
		return this.file.path();
	}

	/** Complete entries in the file. */
	long entries() {
		return (this.file.size() - HEADER) / ENTRY;
	}

	static long position(long seq) {
		return HEADER + ENTRY * seq;
	}

	/** Adds entries {@code [seq, seq + count)} already laid out in {@code buf} (they follow the previous ones). */
	synchronized void write(long seq, byte[] buf, int count) throws IOException {
		if (this.tailCount == 0) {
			this.tailStart = seq;
		}
		else if (seq != this.tailStart + this.tailCount) {
			flush();
			this.tailStart = seq;
		}
		if ((this.tailCount + count) * ENTRY > this.tail.length) {
			flush();
			this.tailStart = seq;
			if (count > TAIL_ENTRIES) {
				this.file.write(buf, 0, count * ENTRY, position(seq));
				this.written = seq + count;
				this.tailStart = seq + count;
				return;
			}
		}
		System.arraycopy(buf, 0, this.tail, this.tailCount * ENTRY, count * ENTRY);
		this.tailCount += count;
		if (this.tailCount == TAIL_ENTRIES) {
			flush();
		}
	}

	/** Writes the tail to the file. */
	synchronized void flush() throws IOException {
		if (this.tailCount > 0) {
			this.file.write(this.tail, 0, this.tailCount * ENTRY, position(this.tailStart));
			this.tailStart += this.tailCount;
			this.tailCount = 0;
			this.written = this.tailStart;
		}
	}

	static void put(byte[] buf, int i, long offset, int length, boolean lastInFrame) {
		TreeHashes.putUint64(buf, i * ENTRY, offset);
		Frame.putInt(buf, i * ENTRY + 8, lastInFrame ? length | LAST_IN_FRAME : length);
	}

	/**
	 * Lays out in {@code buf} the index entries of the {@code count} entries of the frame at {@code frame[at]},
	 * which lies at {@code frameStart} in the data file; the last is marked as the end of its frame, unless the
	 * frame is covered (no signature follows it).
	 */
	static void putFrame(byte[] buf, byte[] frame, int at, long frameStart, int count) {
		long offset = frameStart + Frame.entriesOffset(count);
		boolean signed = !Frame.covered(frame, at);
		for (int i = 0; i < count; i++) {
			int size = Frame.entryLength(frame, at, i);
			put(buf, i, offset, size, signed && i == count - 1);
			offset += size;
		}
	}

	/**
	 * Whether index entry {@code i} of those at {@code buf[base]} is exactly {@code offset} and {@code length},
	 * marked as the end of its frame or not as {@code lastInFrame} says.
	 */
	static boolean matches(byte[] buf, int base, int i, long offset, int length, boolean lastInFrame) {
		int word = Frame.getInt(buf, base + i * ENTRY + 8);
		return offset(buf, base, i) == offset && (word & ~LAST_IN_FRAME) == length
				&& ((word & LAST_IN_FRAME) != 0) == lastInFrame;
	}

	/** The offset of index entry {@code i} of those at {@code buf[base]}. */
	static long offset(byte[] buf, int base, int i) {
		return Frame.getLong(buf, base + i * ENTRY);
	}

	/** The end in the data file of the bytes of entry {@code i} in {@code buf}. */
	static long end(byte[] buf, int i) {
		return offset(buf, i) + length(buf, i);
	}

	/** Reads entries {@code [seq, seq + count)} into {@code buf}; use {@link #offset} and {@link #length}. */
	void read(long seq, int count, byte[] buf) throws IOException {
		if (seq + count <= this.written) {
			this.file.read(position(seq), buf, 0, count * ENTRY);
			return;
		}
		synchronized (this) {
			int fromFile = (int) Math.max(0, Math.min(count, this.tailStart - seq));
			if (fromFile > 0) {
				this.file.read(position(seq), buf, 0, fromFile * ENTRY);
			}
			int fromTail = count - fromFile;
			if (fromTail > 0) {
				int at = (int) (seq + fromFile - this.tailStart);
				if (at < 0 || at + fromTail > this.tailCount) {
					throw new IllegalStateException("Index entries " + seq + ".." + (seq + count - 1) + " are not written");
				}
				System.arraycopy(this.tail, at * ENTRY, buf, fromFile * ENTRY, fromTail * ENTRY);
			}
		}
	}

	static long offset(byte[] buf, int i) {
		return offset(buf, 0, i);
	}

	static int length(byte[] buf, int i) {
		return Frame.getInt(buf, i * ENTRY + 8) & ~LAST_IN_FRAME;
	}

	static boolean lastInFrame(byte[] buf, int i) {
		return (Frame.getInt(buf, i * ENTRY + 8) & LAST_IN_FRAME) != 0;
	}

	synchronized void truncate(long entries) throws IOException {
		flush();
		this.file.truncate(position(entries));
		this.written = Math.min(this.written, entries);
		this.tailStart = this.written;
	}

	void force() throws IOException {
		flush();
		this.file.force();
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}
}
