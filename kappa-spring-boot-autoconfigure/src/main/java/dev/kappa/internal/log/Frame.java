package dev.kappa.internal.log;

import java.util.zip.CRC32C;

/**
 * The byte layout of one signed batch in the data file (docs/format.md, "Batch frame"), little-endian:
 *
 * <pre>
 * u32 magic "KBAT"   u32 frame length L (all bytes of the frame)
 * u64 start seq      u32 count n       u32 fork (bit 31: covered, see below)
 * u32[n] entry lengths
 * entry bytes, concatenated
 * 64-byte Ed25519 signature of the tree after the batch (zero in a covered frame)
 * u32 CRC32C of bytes [0, L-4)
 * </pre>
 *
 * A covered frame (docs/format.md, "Covered frames") has no signature of its own: the next signed frame's
 * signature covers it.
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

	/** The bit of the fork field that marks a covered frame. */
	static final int COVERED = 0x80000000;

	/** Largest single entry. */
	static final int MAX_ENTRY = 1 << 20;

	private Frame() {
	}

	/** @throws IllegalArgumentException if an entry is longer than {@link #MAX_ENTRY} */
	static void checkEntrySizes(java.util.List<byte[]> entries) {
		for (byte[] entry : entries) {
			if (entry.length > MAX_ENTRY) {
				throw new IllegalArgumentException("An entry is at most " + MAX_ENTRY + " bytes, got " + entry.length);
			}
		}
	}

	static int length(int count, long entryBytes) {
		long total = exactLength(count, entryBytes);
		return total > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) total;
	}

	/** The length of a frame of {@code count} entries of {@code entryBytes} in all (may exceed {@link #MAX_LENGTH}). */
	static long exactLength(int count, long entryBytes) {
		return HEADER + 4L * count + entryBytes + TRAILER;
	}

	/** Offset of the first entry's bytes within a frame of {@code count} entries. */
	static int entriesOffset(int count) {
		return HEADER + 4 * count;
	}

	/** Whether a frame's magic number is at {@code buf[at]}. */
	static boolean hasMagic(byte[] buf, int at) {
		return getInt(buf, at) == MAGIC;
	}

	/** The frame length field of the frame at {@code buf[at]}. */
	static int frameLength(byte[] buf, int at) {
		return getInt(buf, at + 4);
	}

	/** The start seq field of the frame at {@code buf[at]}. */
	static long start(byte[] buf, int at) {
		return getLong(buf, at + 8);
	}

	/** Whether the frame at {@code buf[at]} is covered by a later frame's signature rather than signed itself. */
	static boolean covered(byte[] buf, int at) {
		return (getInt(buf, at + 20) & COVERED) != 0;
	}

	/** The entry count field of the frame at {@code buf[at]}. */
	static int count(byte[] buf, int at) {
		return getInt(buf, at + 16);
	}

	/** The length of entry {@code k} in the frame at {@code buf[at]}. */
	static int entryLength(byte[] buf, int at, int k) {
		return getInt(buf, at + HEADER + 4 * k);
	}

	static void putEntryLength(byte[] buf, int at, int k, int length) {
		putInt(buf, at + HEADER + 4 * k, length);
	}

	/** The sum of the first {@code count} entry lengths of the frame at {@code buf[at]}. */
	static long entryBytes(byte[] buf, int at, int count) {
		long sum = 0;
		for (int i = 0; i < count; i++) {
			sum += entryLength(buf, at, i) & 0xffffffffL;
		}
		return sum;
	}

	/** The end of a frame whose last entry's bytes end at {@code lastEntryEnd}: the trailer follows them. */
	static long endAfterEntries(long lastEntryEnd) {
		return lastEntryEnd + TRAILER;
	}

	/** Offset of the signature in a frame ending at {@code frameEnd}. */
	static long signatureAt(long frameEnd) {
		return frameEnd - TRAILER;
	}

	/** A copy of the signature of the frame that ends at {@code buf[frameEnd]}. */
	static byte[] signature(byte[] buf, int frameEnd) {
		return java.util.Arrays.copyOfRange(buf, frameEnd - TRAILER, frameEnd - 4);
	}

	/** Writes the trailer of the frame of {@code length} bytes at {@code buf[0]}: the signature, then the CRC32C. */
	static void seal(byte[] buf, int length, byte[] signature) {
		System.arraycopy(signature, 0, buf, length - TRAILER, signature.length);
		putInt(buf, length - 4, crc(buf, 0, length));
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
		if (available < HEADER || !hasMagic(buf, at)) {
			return "no batch frame starts here (bad magic)";
		}
		int length = frameLength(buf, at);
		long start = start(buf, at);
		int count = count(buf, at);
		int fork = getInt(buf, at + 20) & ~COVERED;
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
		return length(count, entryBytes(buf, at, count)) == length ? null : "the entry lengths of the batch frame do not add up to its length";
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
