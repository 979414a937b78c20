package dev.kappa.internal.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running state of a log's Merkle tree: its roots, length, byte length and fork. Appending a leaf
 * produces the leaf node and every parent it completes; the roots give the tree hash that the writer signs.
 * Not thread-safe; a log guards its tree with its own lock.
 */
final class MerkleTree {

	/** Looks up stored nodes by flat-tree index. */
	interface NodeSource {

		/** The node at {@code index}; fails if it is not stored. */
		TreeNode node(long index);
	}

	private final ArrayList<TreeNode> roots;

	private long length;

	private long byteLength;

	private long fork;

	private MerkleTree(List<TreeNode> roots, long length, long byteLength, long fork) {
		this.roots = new ArrayList<>(roots);
		this.length = length;
		this.byteLength = byteLength;
		this.fork = fork;
	}

	static MerkleTree empty() {
		return new MerkleTree(List.of(), 0, 0, 0);
	}

	/** The tree of {@code length} leaves whose roots are read from {@code nodes}. */
	static MerkleTree ofLength(long length, long fork, NodeSource nodes) {
		List<TreeNode> roots = new ArrayList<>();
		long byteLength = 0;
		for (long index : FlatTree.fullRoots(length)) {
			TreeNode root = nodes.node(index);
			roots.add(root);
			byteLength += root.size();
		}
		return new MerkleTree(roots, length, byteLength, fork);
	}

	/** The tree with exactly these roots (for example received from a peer). */
	static MerkleTree ofRoots(List<TreeNode> roots, long fork) {
		long length = 0;
		long byteLength = 0;
		for (TreeNode root : roots) {
			length += FlatTree.leafCount(root.index());
			byteLength += root.size();
		}
		if (!Arrays.equals(FlatTree.fullRoots(length), roots.stream().mapToLong(TreeNode::index).toArray())) {
			throw new IllegalArgumentException("Not the roots of a tree: " + roots);
		}
		return new MerkleTree(roots, length, byteLength, fork);
	}

	MerkleTree copy() {
		return new MerkleTree(this.roots, this.length, this.byteLength, this.fork);
	}

	/**
	 * Appends one leaf; adds the leaf node and the parents it completes, in that order, to {@code created}.
	 */
	void append(byte[] data, int offset, int size, List<TreeNode> created) {
		TreeNode node = new TreeNode(2 * this.length, size, TreeHashes.leaf(data, offset, size));
		created.add(node);
		this.roots.add(node);
		int n = this.roots.size();
		while (n >= 2 && FlatTree.depth(this.roots.get(n - 2).index()) == FlatTree.depth(this.roots.get(n - 1).index())) {
			TreeNode left = this.roots.get(n - 2);
			TreeNode right = this.roots.get(n - 1);
			TreeNode parent = new TreeNode(FlatTree.parent(left.index()), left.size() + right.size(),
					TreeHashes.parent(left, right));
			created.add(parent);
			this.roots.remove(n - 1);
			this.roots.set(n - 2, parent);
			n--;
		}
		this.length++;
		this.byteLength += size;
	}

	/** Cuts the tree back to {@code newLength} leaves, reading the new roots from {@code nodes}; the fork goes up. */
	void truncate(long newLength, NodeSource nodes) {
		if (newLength > this.length) {
			throw new IllegalArgumentException("Cannot truncate a tree of " + this.length + " to " + newLength);
		}
		MerkleTree cut = ofLength(newLength, this.fork + 1, nodes);
		this.roots.clear();
		this.roots.addAll(cut.roots);
		this.length = cut.length;
		this.byteLength = cut.byteLength;
		this.fork = cut.fork;
	}

	List<TreeNode> roots() {
		return List.copyOf(this.roots);
	}

	long length() {
		return this.length;
	}

	long byteLength() {
		return this.byteLength;
	}

	long fork() {
		return this.fork;
	}

	byte[] treeHash() {
		return TreeHashes.tree(this.roots);
	}

	/** The 80 bytes the writer signs for the tree as it is now. */
	byte[] signable() {
		return TreeHashes.signable(treeHash(), this.length, this.fork);
	}

	/** Whether {@code signature} is the writer's (by {@code scheme}) of the tree as it is now. */
	boolean signedBy(SignatureScheme scheme, byte[] signature) {
		return scheme.verify(signature, treeHash(), this.length, this.fork);
	}

	/** Appends every entry of {@code entries} (the nodes they create are not kept). */
	void appendAll(List<byte[]> entries) {
		List<TreeNode> created = new ArrayList<>();
		for (byte[] entry : entries) {
			append(entry, 0, entry.length, created);
			created.clear();
		}
	}
}
