package dev.kappa.internal.hypercore;

import java.util.Arrays;
import java.util.List;

import dev.kappa.internal.crypto.Blake2b;
import dev.kappa.internal.log.TreeNode;

/**
 * Checks what a hypercore server sends against a signed tree: that upgrade nodes are the full roots of the
 * signed length (and hash to the signed tree hash), and that a block with its sibling path folds up to one of
 * those roots. Hashing as hypercore-crypto: leaf {@code H(00 ‖ u64 size ‖ value)}, parent
 * {@code H(01 ‖ u64 size ‖ left ‖ right)}, tree {@code H(02 ‖ (hash ‖ u64 index ‖ u64 size)*)}.
 */
final class BlockVerifier {

	private BlockVerifier() {
	}

	/** The tree hash of {@code roots} if they are exactly the full roots of a tree of {@code length} blocks. */
	static byte[] treeHash(List<TreeNode> roots, long length) {
		long[] expected = fullRoots(length);
		if (roots.size() != expected.length) {
			throw new WireException("an upgrade to length " + length + " with " + roots.size() + " roots, expected "
					+ expected.length);
		}
		Blake2b b = Blake2b.local().update((byte) 2);
		for (int i = 0; i < expected.length; i++) {
			TreeNode root = roots.get(i);
			if (root.index() != expected[i] || root.hash().length != 32) {
				throw new WireException("upgrade node " + root.index() + " is not root " + expected[i] + " of length " + length);
			}
			b.update(root.hash()).updateUint64(root.index()).updateUint64(root.size());
		}
		return b.digest();
	}

	/**
	 * Whether {@code value} at {@code block} with sibling {@code path} (bottom-up) folds to one of {@code roots}.
	 */
	static boolean verifies(long block, byte[] value, List<TreeNode> path, List<TreeNode> roots) {
		long index = 2 * block;
		long size = value.length;
		byte[] hash = Blake2b.local().update((byte) 0).updateUint64(value.length).update(value).digest();
		for (TreeNode sibling : path) {
			FlatIterator ite = new FlatIterator(index);
			if (sibling.index() != ite.sibling() || sibling.hash().length != 32) {
				return false;
			}
			boolean left = sibling.index() < index;
			long parentSize = size + sibling.size();
			hash = Blake2b.local()
				.update((byte) 1)
				.updateUint64(parentSize)
				.update(left ? sibling.hash() : hash)
				.update(left ? hash : sibling.hash())
				.digest();
			size = parentSize;
			ite.parent();
			index = ite.index;
		}
		for (TreeNode root : roots) {
			if (root.index() == index) {
				return root.size() == size && Arrays.equals(root.hash(), hash);
			}
		}
		return false;
	}

	/** The full roots of a tree of {@code length} blocks, left to right. */
	static long[] fullRoots(long length) {
		long[] roots = new long[Long.bitCount(length)];
		long offset = 0;
		int n = 0;
		for (long remaining = length; remaining > 0; n++) {
			long factor = Long.highestOneBit(remaining);
			roots[n] = offset + factor - 1;
			offset += 2 * factor;
			remaining -= factor;
		}
		return roots;
	}

	/** How many nodes the path from block {@code block}'s leaf to its root has, in a tree of {@code length}. */
	static int depthToRoot(long block, long length) {
		long leaf = 2 * block;
		for (long root : fullRoots(length)) {
			if (leaf <= FlatIterator.rightSpan(root)) {
				return Long.numberOfTrailingZeros(~root);
			}
		}
		throw new IllegalArgumentException("block " + block + " is beyond length " + length);
	}
}
