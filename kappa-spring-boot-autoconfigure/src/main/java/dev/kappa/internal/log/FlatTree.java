package dev.kappa.internal.log;

/**
 * Flat-tree arithmetic: a binary tree laid out in a flat array, as hypercore does. Leaves sit at even
 * indexes (entry {@code seq} at {@code 2 * seq}); a parent sits between its children. The depth of an
 * index is its number of trailing one bits.
 */
final class FlatTree {

	private FlatTree() {
	}

	static long index(int depth, long offset) {
		return (offset << (depth + 1)) | ((1L << depth) - 1);
	}

	static int depth(long index) {
		return Long.numberOfTrailingZeros(~index);
	}

	static long offset(long index) {
		return index >>> (depth(index) + 1);
	}

	static long parent(long index) {
		int depth = depth(index);
		return index(depth + 1, offset(index) >>> 1);
	}

	static long sibling(long index) {
		int depth = depth(index);
		return index(depth, offset(index) ^ 1);
	}

	/** The index of the leftmost leaf under {@code index}. */
	static long leftSpan(long index) {
		int depth = depth(index);
		return depth == 0 ? index : offset(index) << (depth + 1);
	}

	/** The index of the rightmost leaf under {@code index}. */
	static long rightSpan(long index) {
		int depth = depth(index);
		return depth == 0 ? index : ((offset(index) + 1) << (depth + 1)) - 2;
	}

	/** The number of leaves under {@code index}. */
	static long leafCount(long index) {
		return 1L << depth(index);
	}

	/** The indexes of the roots of a tree of {@code length} leaves, left to right. */
	static long[] fullRoots(long length) {
		long[] roots = new long[Long.bitCount(length)];
		long offset = 0;
		int n = 0;
		long remaining = length;
		while (remaining > 0) {
			long factor = Long.highestOneBit(remaining);
			roots[n++] = offset + factor - 1;
			offset += 2 * factor;
			remaining -= factor;
		}
		return roots;
	}
}
