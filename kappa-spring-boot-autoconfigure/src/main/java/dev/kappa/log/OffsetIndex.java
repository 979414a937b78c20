package dev.kappa.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The offsets index {@code log.idx}: for entry {@code seq}, at {@code 16 + 12 * seq}, the u64 offset of its
 * bytes in the data file and a u32 whose low 31 bits are their length and whose top bit marks the last
 * entry of a batch frame (the frame's signature follows that entry's bytes). Reads by seq are one positional
 * read. It is derived from the data file: forced at recovery points and rebuilt after them on open.
 */
final class OffsetIndex implements Closeable {

	static final int HEADER = 16;

	static final int ENTRY = 12;

	private static final int LAST_IN_FRAME = 0x80000000;

	private final LogChannel file;

	private OffsetIndex(LogChannel file) {
		this.file = file;
	}

	static OffsetIndex open(Path path, boolean create, String log) throws IOException {
		return new OffsetIndex(LogChannel.open(path, LogChannel.header("KAPPAIDX", HEADER, null), create, log));
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

	/** Writes entries {@code [seq, seq + count)} already laid out in {@code buf}. */
	void write(long seq, byte[] buf, int count) throws IOException {
		this.file.write(buf, 0, count * ENTRY, position(seq));
	}

	static void put(byte[] buf, int i, long offset, int length, boolean lastInFrame) {
		TreeHashes.putUint64(buf, i * ENTRY, offset);
		Frame.putInt(buf, i * ENTRY + 8, lastInFrame ? length | LAST_IN_FRAME : length);
	}

	/** Reads entries {@code [seq, seq + count)} into {@code buf}; use {@link #offset} and {@link #length}. */
	void read(long seq, int count, byte[] buf) throws IOException {
		this.file.read(position(seq), buf, 0, count * ENTRY);
	}

	static long offset(byte[] buf, int i) {
		return Frame.getLong(buf, i * ENTRY);
	}

	static int length(byte[] buf, int i) {
		return Frame.getInt(buf, i * ENTRY + 8) & ~LAST_IN_FRAME;
	}

	static boolean lastInFrame(byte[] buf, int i) {
		return (Frame.getInt(buf, i * ENTRY + 8) & LAST_IN_FRAME) != 0;
	}

	void truncate(long entries) throws IOException {
		this.file.truncate(position(entries));
	}

	void force() throws IOException {
		this.file.force();
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}
}
