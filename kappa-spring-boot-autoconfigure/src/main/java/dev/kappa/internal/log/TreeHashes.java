package dev.kappa.internal.log;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.kappa.internal.crypto.Blake2b;

/**
 * The hashes of hypercore 10 (compat mode), byte for byte: BLAKE2b-256 over a type byte, little-endian
 * sizes and child hashes.
 */
final class TreeHashes {

	private static final byte LEAF_TYPE = 0;

	private static final byte PARENT_TYPE = 1;

	private static final byte ROOT_TYPE = 2;

	/** hypercore's tree-signing namespace: {@code namespace("hypercore", 6)[0]}. */
	static final byte[] NS_TREE = namespace("hypercore", 0);

	/** Length of the compat-mode signable: namespace, tree hash, length, fork. */
	static final int SIGNABLE_LENGTH = 80;

	private TreeHashes() {
	}

	static byte[] leaf(byte[] data, int offset, int length) {
		return Blake2b.local().update(LEAF_TYPE).updateUint64(length).update(data, offset, length).digest();
	}

	/** {@link #leaf(byte[], int, int)} into {@code out[0, 32)}, without allocating. */
	static void leaf(byte[] data, int offset, int length, byte[] out) {
		Blake2b.local().update(LEAF_TYPE).updateUint64(length).update(data, offset, length).digest(out, 0);
	}

	static byte[] parent(TreeNode left, TreeNode right) {
		return Blake2b.local()
			.update(PARENT_TYPE)
			.updateUint64(left.size() + right.size())
			.update(left.hash())
			.update(right.hash())
			.digest();
	}

	static byte[] tree(List<TreeNode> roots) {
		Blake2b b = Blake2b.local().update(ROOT_TYPE);
		for (TreeNode root : roots) {
			b.update(root.hash()).updateUint64(root.index()).updateUint64(root.size());
		}
		return b.digest();
	}

	/** The 80 bytes a writer signs: namespace, tree hash, length and fork. */
	static byte[] signable(byte[] treeHash, long length, long fork) {
		byte[] out = new byte[SIGNABLE_LENGTH];
		System.arraycopy(NS_TREE, 0, out, 0, 32);
		System.arraycopy(treeHash, 0, out, 32, 32);
		putUint64(out, 64, length);
		putUint64(out, 72, fork);
		return out;
	}

	/** hypercore's discovery key: BLAKE2b-256 of "hypercore" keyed with the public key. */
	static byte[] discoveryKey(byte[] publicKey) {
		return Blake2b.keyedHash(publicKey, "hypercore".getBytes(StandardCharsets.US_ASCII));
	}

	/** hypercore-crypto's {@code namespace(name, n)[id]}: H(H(name) | id). */
	static byte[] namespace(String name, int id) {
		byte[] ns = new byte[33];
		System.arraycopy(Blake2b.hash(name.getBytes(StandardCharsets.UTF_8)), 0, ns, 0, 32);
		ns[32] = (byte) id;
		return Blake2b.hash(ns);
	}

	static void putUint64(byte[] out, int offset, long value) {
		for (int i = 0; i < 8; i++) {
			out[offset + i] = (byte) (value >>> (8 * i));
		}
	}
}
