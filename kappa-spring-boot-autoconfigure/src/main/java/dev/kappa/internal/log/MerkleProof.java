package dev.kappa.internal.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A proof that one entry belongs to a signed tree of a given length: the sibling path from the entry's
 * leaf to the root that covers it ({@code blockNodes}) and the tree's other roots ({@code upgradeNodes}),
 * as hypercore builds it for a block request with an upgrade from length 0.
 */
record MerkleProof(long block, long length, List<TreeNode> blockNodes, List<TreeNode> upgradeNodes) {

	static MerkleProof create(long block, long length, MerkleTree.NodeSource nodes) {
		if (block < 0 || block >= length) {
			throw new IndexOutOfBoundsException("Block " + block + " is not below length " + length);
		}
		long[] roots = FlatTree.fullRoots(length);
		long leaf = 2 * block;
		long covering = Arrays.stream(roots)
			.filter(r -> FlatTree.leftSpan(r) <= leaf && leaf <= FlatTree.rightSpan(r))
			.findFirst()
			.orElseThrow();
		List<TreeNode> path = new ArrayList<>();
		for (long index = leaf; index != covering; index = FlatTree.parent(index)) {
			path.add(nodes.node(FlatTree.sibling(index)));
		}
		List<TreeNode> others = new ArrayList<>();
		for (long root : roots) {
			if (root != covering) {
				others.add(nodes.node(root));
			}
		}
		return new MerkleProof(block, length, path, others);
	}

	/**
	 * Recomputes the tree hash this proof commits {@code value} to. A signature over
	 * {@code TreeHashes.signable(result, length, fork)} then proves the entry.
	 * @throws IllegalArgumentException if the nodes do not form the roots of a tree of {@code length}
	 */
	byte[] treeHash(byte[] value) {
		TreeNode node = new TreeNode(2 * this.block, value.length, TreeHashes.leaf(value, 0, value.length));
		for (TreeNode sibling : this.blockNodes) {
			if (sibling.index() != FlatTree.sibling(node.index())) {
				throw new IllegalArgumentException("Proof node " + sibling.index() + " is not the sibling of " + node.index());
			}
			boolean siblingLeft = sibling.index() < node.index();
			TreeNode left = siblingLeft ? sibling : node;
			TreeNode right = siblingLeft ? node : sibling;
			node = new TreeNode(FlatTree.parent(node.index()), left.size() + right.size(), TreeHashes.parent(left, right));
		}
		List<TreeNode> roots = new ArrayList<>(this.upgradeNodes);
		roots.add(node);
		roots.sort(Comparator.comparingLong(TreeNode::index));
		long[] expected = FlatTree.fullRoots(this.length);
		if (!Arrays.equals(expected, roots.stream().mapToLong(TreeNode::index).toArray())) {
			throw new IllegalArgumentException("Proof nodes are not the roots of a tree of length " + this.length);
		}
		return TreeHashes.tree(roots);
	}
}
