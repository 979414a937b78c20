package dev.kappa.log;

import java.util.zip.CRC32C;

/**
 * The byte layout of one signed batch in the data file (docs/format.md, "Batch frame"), little-endian:
 *
 * <pre>
 * u32 magic "KBAT"   u32 frame length L (all bytes of the frame)
 * u64 start seq      u32 count n       u32 fork
 * u32[n] entry lengths
 * entry bytes, concatenated
 * 64-byte Ed25519 signature of the tree after the batch (hypercore compat signable)
 * u32 CRC32C of bytes [0, L-4)
 * </pre>
 */
final class Frame {

	static final int MAGIC = 0x5441424B; // "KBAT"

	static final int HEADER = 24;

	static final int TRAILER = 64 + 4;

	/**
	 * Largest frame written; bigger batches are split into several signed frames. A frame is the unit a peer
	 * must hold in memory before it can verify it, so it is bounded.
	 */
	static final int MAX_LENGTH = 4 << 20;

	/** Largest single entry. */
	static final int MAX_ENTRY = 1 << 20;

	private Frame() {
	}

	static int length(int count, long entryBytes) {
		long total = HEADER + 4L * count + entryBytes + TRAILER;
		return total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
	}

	/** Offset of the first entry's bytes within a frame of {@code count} entries. */
	static int entriesOffset(int count) {
		return HEADER + 4 * count;
	}

	static void putHeader(byte[] buf, int length, long start, int count, int fork) {
		putInt(buf, 0, MAGIC);
		putInt(buf, 4, length);
		TreeHashes.putUint64(buf, 8, start);
		putInt(buf, 16, count);
		putInt(buf, 20, fork);
	}

	/**
	 * What is wrong with the frame at {@code buf[at]}, of which {@code available} bytes are loaded, expected to
	 * start at seq {@code expectedSeq}; {@code null} if its header, length, entry lengths and CRC32C are right.
	 */
	static String problem(byte[] buf, int at, int available, long expectedSeq) {
		if (available < HEADER || getInt(buf, at) != MAGIC) {
			return "no batch frame starts here (bad magic)";
		}
		int length = getInt(buf, at + 4);
		long start = getLong(buf, at + 8);
		int count = getInt(buf, at + 16);
		int fork = getInt(buf, at + 20);
		if (count <= 0 || length < length(count, 0) || length > MAX_LENGTH || length > available) {
			return "invalid batch frame header (length " + length + ", count " + count + ")";
		}
		if (start != expectedSeq) {
			return "the batch frame starts at seq " + start + " where seq " + expectedSeq + " was expected";
		}
		if (fork != 0) {
			return "forked logs (fork " + fork + ") are not supported";
		}
		if (crc(buf, at, length) != getInt(buf, at + length - 4)) {
			return "checksum mismatch in the batch frame of entries " + start + ".." + (start + count - 1);
		}
		long sum = 0;
		for (int i = 0; i < count; i++) {
			sum += getInt(buf, at + HEADER + 4 * i) & 0xffffffffL;
		}
		return length(count, sum) == length ? null : "the entry lengths of the batch frame do not add up to its length";
	}

	/** The CRC32C of a frame of {@code length} bytes at {@code offset} (all but its last 4 bytes). */
	static int crc(byte[] buf, int offset, int length) {
		CRC32C crc = new CRC32C();
		crc.update(buf, offset, length - 4);
		return (int) crc.getValue();
	}

	static void putInt(byte[] buf, int at, int value) {
		buf[at] = (byte) value;
		buf[at + 1] = (byte) (value >>> 8);
		buf[at + 2] = (byte) (value >>> 16);
		buf[at + 3] = (byte) (value >>> 24);
	}

	static int getInt(byte[] buf, int at) {
		return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
	}

	static long getLong(byte[] buf, int at) {
		return (getInt(buf, at) & 0xffffffffL) | ((long) getInt(buf, at + 4)) << 32;
	}
}
