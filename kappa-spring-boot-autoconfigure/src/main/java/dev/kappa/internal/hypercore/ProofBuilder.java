package dev.kappa.internal.hypercore;

import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.log.TreeNode;

/**
 * Builds the Merkle proofs a hypercore 11 server sends for block, hash and upgrade requests, node for node as
 * hypercore's {@code generateProof} does (without seeks), from stored tree nodes: nothing is re-hashed.
 * <p>
 * Block and hash paths: {@code nodes} siblings from the leaf (a hash proof starts with the node itself). An
 * upgrade proves the tree from the reader's length {@code start} to {@code start + length} (connecting the
 * reader's tree first when {@code start > 0}); {@code additionalNodes} carry it on to our length, because the
 * only signature is for our length. A block at or after {@code start} is proved up to the root it sits in,
 * which is then left out of the upgrade nodes.
 */
final class ProofBuilder {

	/** Reads stored nodes; fails for a node the tree at the proof's length does not hold. */
	interface Nodes {

		TreeNode node(long index);
	}

	/** A block or hash request: the flat-tree index, the nodes asked for, and whether a value comes with it. */
	record Target(long treeIndex, long nodes, boolean value, long lastBlock) {

		static Target block(long block, long nodes) {
			return new Target(2 * block, nodes, true, block);
		}

		static Target hash(long treeIndex, long nodes) {
			return new Target(treeIndex, nodes, false, FlatIterator.rightSpan(treeIndex) / 2);
		}
	}

	/** The proof: nodes of the block or hash path, upgrade nodes and additional nodes (null if not asked). */
	record Proof(List<TreeNode> path, List<TreeNode> upgrade, List<TreeNode> additional) {
	}

	private final Nodes nodes;

	private final long head;

	private List<TreeNode> path;

	private List<TreeNode> upgrade;

	private List<TreeNode> additional;

	private ProofBuilder(Nodes nodes, long length) {
		this.nodes = nodes;
		this.head = 2 * length;
	}

	/**
	 * The proof of {@code target} (may be null) and of an upgrade from {@code upgradeStart} by
	 * {@code upgradeLength} blocks ({@code upgradeLength} 0: no upgrade), for a tree of {@code length} blocks.
	 * @throws WireException if the request cannot be answered from this tree (the peer gets {@code noData})
	 */
	static Proof build(Nodes nodes, long length, Target target, long upgradeStart, long upgradeLength) {
		ProofBuilder b = new ProofBuilder(nodes, length);
		b.generate(target, upgradeStart, upgradeLength);
		return new Proof(b.path, b.upgrade, b.additional);
	}

	private void generate(Target node, long upgradeStart, long upgradeLength) {
		boolean upgrading = upgradeLength > 0;
		long from = upgrading ? upgradeStart * 2 : 0;
		long to = upgrading ? from + upgradeLength * 2 : this.head;
		if (this.head == 0 || from >= to || to > this.head || upgradeStart < 0) {
			throw new WireException("cannot prove " + (upgrading ? "an upgrade from " + upgradeStart + " by "
					+ upgradeLength : "a node") + " in a tree of " + this.head / 2 + " blocks");
		}
		long subTree = this.head;
		if (node != null && (!upgrading || node.lastBlock() < upgradeStart)) {
			subTree = nodesToRoot(node.treeIndex(), node.nodes(), to);
			pathProof(node, subTree);
		}
		else if (node != null) {
			subTree = node.treeIndex();
		}
		if (upgrading) {
			upgradeProof(node, from, to, subTree);
			if (this.head > to) {
				additionalProof(to, this.head);
			}
		}
		if (node != null && this.path == null) {
			throw new WireException("no proof path for node " + node.treeIndex());
		}
	}

	private static long nodesToRoot(long index, long count, long head) {
		if (count > 60) {
			throw new WireException("a proof of " + count + " nodes for node " + index + " is deeper than any tree");
		}
		FlatIterator ite = new FlatIterator(index);
		for (long i = 0; i < count; i++) {
			ite.parent();
			if (ite.contains(head)) {
				throw new WireException("a proof of " + count + " nodes for node " + index + " runs past the tree head");
			}
		}
		return ite.index;
	}

	private void pathProof(Target node, long root) {
		FlatIterator ite = new FlatIterator(node.treeIndex());
		this.path = new ArrayList<>();
		if (!node.value()) {
			this.path.add(get(ite.index));
		}
		for (int guard = 0; ite.index != root; guard++) {
			checkGuard(guard);
			ite.sibling();
			this.path.add(get(ite.index));
			ite.parent();
		}
	}

	private void upgradeProof(Target node, long from, long to, long subTree) {
		this.upgrade = rangeProof(node, from, to, subTree);
	}

	private void additionalProof(long from, long to) {
		this.additional = rangeProof(null, from, to, this.head);
	}

	/**
	 * The nodes that take a reader holding {@code from / 2} blocks to {@code to / 2}: first the nodes connecting
	 * its tree (siblings right of its last leaf, up to the root containing it), then the new roots. Where the
	 * block path of {@code node} ends in one of them, that path is built instead and the node left out.
	 */
	private List<TreeNode> rangeProof(Target node, long from, long to, long subTree) {
		List<TreeNode> out = from == 0 ? new ArrayList<>() : null;
		for (FlatIterator ite = new FlatIterator(0); ite.fullRoot(to); ite.nextTree()) {
			if (ite.index + ite.factor / 2 < from) {
				continue;
			}
			if (out == null && ite.contains(from - 2)) {
				out = new ArrayList<>();
				long root = ite.index;
				long target = from - 2;
				ite.seek(target);
				for (int guard = 0; ite.index != root; guard++) {
					checkGuard(guard);
					ite.sibling();
					if (ite.index > target) {
						addOrProvePath(out, node, subTree, ite.index);
					}
					ite.parent();
				}
				continue;
			}
			if (out == null) {
				out = new ArrayList<>();
			}
			addOrProvePath(out, node, subTree, ite.index);
		}
		return out;
	}

	private void addOrProvePath(List<TreeNode> out, Target node, long subTree, long index) {
		if (this.path == null && node != null && new FlatIterator(index).contains(subTree)) {
			pathProof(node, index);
		}
		else {
			out.add(get(index));
		}
	}

	private TreeNode get(long index) {
		if (FlatIterator.rightSpan(index) >= this.head) {
			throw new WireException("tree node " + index + " is beyond the tree of " + this.head / 2 + " blocks");
		}
		return this.nodes.node(index);
	}

	private static void checkGuard(int guard) {
		if (guard >= 1024) {
			throw new WireException("a proof walk did not reach its root");
		}
	}
}
