package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps damage that {@code log.tree} had when the log was opened from being used, at no cost to the open.
 * Recovery verified the roots at the open length against the writer's signature; a node below them is
 * checked when it is first used: a leaf hash against the entry it hashes (on every read of an entry that was on
 * disk at the open), any other node by hashing up to its verified root. A node that fails is <em>repaired</em>:
 * every node under the roots is recomputed from {@code log.dat} (the tree is derived data), the recomputed
 * roots must be the signed ones, and the slots that differ are rewritten, with a WARN naming the file and
 * offsets. If the entries do not produce the signed roots, the data file is damaged: a
 * {@link CorruptLogException} naming it and the first entry that differs. A leaf that matched its entry once
 * and fails later (the files changed under the open log) is reported, not repaired.
 */
final class TreeCheck {

	/** Reads entries without checking them against the tree. */
	interface EntrySource {

		EntryBatch load(long from, int maxCount, EntryBatch batch) throws IOException;

		/** The data file. */
		Path path();

		/** Where entry {@code seq}'s bytes start in the data file. */
		long position(long seq) throws IOException;
	}

	private static final Logger logger = LoggerFactory.getLogger(TreeCheck.class);

	private final String log;

	private final TreeFile tree;

	private final long length;

	private final List<TreeNode> signedRoots;

	/** Entries below {@link #length} whose leaf hash matched their bytes in this process. Guarded by itself. */
	private final BitSet matched = new BitSet();

	/** The outcome of a repair that found the data file damaged, rethrown. Guarded by this. */
	private CorruptLogException dataDamage;

	/** @param signedRoots the roots of the tree at {@code length}, verified against the writer's signature */
	TreeCheck(String log, TreeFile tree, long length, List<TreeNode> signedRoots) {
		this.log = log;
		this.tree = tree;
		this.length = length;
		this.signedRoots = signedRoots;
	}

	/** Whether node {@code index} lies under the roots verified at the open (else this process wrote it). */
	boolean old(long index) {
		return this.length > 0 && FlatTree.rightSpan(index) <= 2 * this.length - 2;
	}

	/** The leaf hashes of entries {@code [from, from + count)} matched their bytes (those before the open count). */
	void matched(long from, int count) {
		long to = Math.min(from + count, this.length);
		if (from < to && to <= Integer.MAX_VALUE) {
			synchronized (this.matched) {
				this.matched.set((int) from, (int) to);
			}
		}
	}

	/**
	 * Entry {@code seq} did not match its leaf hash: repairs the tree if the leaf never matched in this process.
	 * @return whether the tree was repaired (read the leaf again); {@code false} if the mismatch is to be reported
	 * @throws CorruptLogException if the data file is damaged
	 */
	boolean leafMismatch(long seq, EntrySource entries) throws IOException {
		synchronized (this.matched) {
			if (seq > Integer.MAX_VALUE || this.matched.get((int) seq)) {
				return false;
			}
		}
		return repair(entries, 2 * seq);
	}

	/**
	 * The old node {@code node} as read from the file, checked by hashing up to its verified root; repaired first
	 * if it does not verify.
	 * @throws CorruptLogException if it does not verify after a repair, or the data file is damaged
	 */
	TreeNode checked(TreeNode node, EntrySource entries) throws IOException {
		if (verifies(node)) {
			return node;
		}
		repair(entries, node.index());
		TreeNode again = this.tree.node(node.index());
		if (!verifies(again)) {
			throw new CorruptLogException(this.log, this.tree.path(), TreeFile.position(node.index()), "tree node "
					+ node.index() + " does not hash up to the signed root even after the tree was rebuilt");
		}
		return again;
	}

	private boolean verifies(TreeNode node) {
		TreeNode root = this.signedRoots.stream()
			.filter(r -> FlatTree.leftSpan(r.index()) <= FlatTree.leftSpan(node.index())
					&& FlatTree.rightSpan(node.index()) <= FlatTree.rightSpan(r.index()))
			.findFirst()
			.orElseThrow();
		TreeNode at = node;
		while (at.index() != root.index()) {
			TreeNode sibling = this.tree.node(FlatTree.sibling(at.index()));
			TreeNode left = at.index() < sibling.index() ? at : sibling;
			TreeNode right = left == at ? sibling : at;
			at = new TreeNode(FlatTree.parent(at.index()), left.size() + right.size(), TreeHashes.parent(left, right));
		}
		return at.equals(root);
	}

	/**
	 * Recomputes every node under the verified roots from the entries and rewrites the slots that differ, if the
	 * recomputed roots are the signed ones; {@code found} is the node whose failure led here.
	 * @return whether a slot was rewritten
	 */
	private synchronized boolean repair(EntrySource entries, long found) throws IOException {
		if (this.dataDamage != null) {
			throw this.dataDamage;
		}
		MerkleTree rebuilt = MerkleTree.empty();
		List<TreeNode> created = new ArrayList<>();
		List<TreeNode> wrong = new ArrayList<>();
		long firstWrongLeaf = -1;
		EntryBatch batch = new EntryBatch();
		for (long seq = 0; seq < this.length; seq = batch.end()) {
			entries.load(seq, (int) Math.min(4096, this.length - seq), batch);
			created.clear();
			for (int i = 0; i < batch.count(); i++) {
				rebuilt.append(batch.buffer(), batch.offset(i), batch.length(i), created);
			}
			for (TreeNode node : created) {
				if (!node.equals(TreeFile.decodeOrNull(node.index(), this.tree.readSlot(node.index()), 0))) {
					wrong.add(node);
					firstWrongLeaf = firstWrongLeaf < 0 && (node.index() & 1) == 0 ? node.index() / 2 : firstWrongLeaf;
				}
			}
		}
		if (!rebuilt.roots().equals(this.signedRoots)) {
			long seq = Math.max(0, firstWrongLeaf);
			String met = (found & 1) == 0 ? "entry " + found / 2 + " does not match its leaf hash in " + this.tree.path()
					: "tree node " + found + " of " + this.tree.path() + " does not hash up to the signed root";
			this.dataDamage = new CorruptLogException(this.log, entries.path(), entries.position(seq), met + ", and the"
					+ " entries do not produce the roots the writer signed either: the data file is damaged (the first entry"
					+ " that differs from its leaf hash is " + seq + ")");
			throw this.dataDamage;
		}
		this.tree.rewrite(wrong);
		if (!wrong.isEmpty()) {
			logger.warn("Log {}: {} was damaged: {} node(s) did not match the entries under them (the first is tree node"
					+ " {} at offset {}); they were rebuilt from log.dat, which matches the writer's signature", this.log,
					this.tree.path(), wrong.size(), wrong.get(0).index(), TreeFile.position(wrong.get(0).index()));
		}
		return !wrong.isEmpty();
	}
}
