package dev.kappa.internal.hypercore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.internal.crypto.Blake2b;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.log.TreeNode;

/** A compat core in memory, hashed independently of the log package: blocks "entry-i", nodes by index. */
final class MemoryTree {

	final Map<Long, TreeNode> nodes = new HashMap<>();

	final List<byte[]> blocks = new ArrayList<>();

	private final List<TreeNode> roots = new ArrayList<>();

	static MemoryTree entries(int n) {
		MemoryTree t = new MemoryTree();
		for (int i = 0; i < n; i++) {
			t.append(("entry-" + i).getBytes(StandardCharsets.UTF_8));
		}
		return t;
	}

	void append(byte[] value) {
		long index = 2L * this.blocks.size();
		this.blocks.add(value);
		TreeNode node = new TreeNode(index, value.length,
				Blake2b.local().update((byte) 0).updateUint64(value.length).update(value).digest());
		this.nodes.put(index, node);
		while (!this.roots.isEmpty() && depth(this.roots.get(this.roots.size() - 1).index()) == depth(node.index())) {
			TreeNode left = this.roots.remove(this.roots.size() - 1);
			node = parent(left, node);
			this.nodes.put(node.index(), node);
		}
		this.roots.add(node);
	}

	TreeNode node(long index) {
		TreeNode node = this.nodes.get(index);
		if (node == null) {
			throw new IllegalArgumentException("no node " + index);
		}
		return node;
	}

	/** The 80-byte compat signable of the tree now, signed by {@code writer}. */
	byte[] sign(Ed25519.KeyPair writer) {
		Blake2b b = Blake2b.local().update((byte) 2);
		for (TreeNode root : this.roots) {
			b.update(root.hash()).updateUint64(root.index()).updateUint64(root.size());
		}
		byte[] treeHash = b.digest();
		byte[] signable = new byte[80];
		System.arraycopy(Namespaces.TREE, 0, signable, 0, 32);
		System.arraycopy(treeHash, 0, signable, 32, 32);
		for (int i = 0; i < 8; i++) {
			signable[64 + i] = (byte) ((long) this.blocks.size() >>> (8 * i));
		}
		return writer.sign(signable);
	}

	static TreeNode parent(TreeNode a, TreeNode b) {
		TreeNode left = a.index() < b.index() ? a : b;
		TreeNode right = left == a ? b : a;
		long index = (left.index() + right.index()) / 2;
		return new TreeNode(index, left.size() + right.size(), Blake2b.local()
			.update((byte) 1)
			.updateUint64(left.size() + right.size())
			.update(left.hash())
			.update(right.hash())
			.digest());
	}

	static int depth(long index) {
		return Long.numberOfTrailingZeros(~index);
	}
}
