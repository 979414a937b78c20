package dev.kappa.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Merkle tree nodes {@code log.tree}: the node with flat-tree index {@code i} at {@code 16 + 40 * i}, as
 * its 32-byte hash then its u64 byte size. An all-zero slot is a node not yet complete. Derived from the data
 * file: forced at recovery points and rebuilt after them on open.
 */
final class TreeFile implements Closeable, MerkleTree.NodeSource {

	static final int HEADER = 16;

	static final int SLOT = 40;

	private final LogChannel file;

	private final String log;

	private byte[] region = new byte[SLOT * 64];

	private TreeFile(LogChannel file, String log) {
		this.file = file;
		this.log = log;
	}

	static TreeFile open(Path path, boolean create, String log) throws IOException {
		return new TreeFile(LogChannel.open(path, LogChannel.header("KAPPATRE", HEADER, null), create, log), log);
	}

	Path path() {
		return this.file.path();
	}

	/** Node slots in the file, complete or not. */
	long slots() {
		return (this.file.size() - HEADER) / SLOT;
	}

	static long position(long index) {
		return HEADER + SLOT * index;
	}

	@Override
	public TreeNode node(long index) {
		byte[] slot = new byte[SLOT];
		try {
			if (position(index) + SLOT > this.file.size()) {
				throw new CorruptLogException(this.log, path(), position(index), "tree node " + index + " is missing");
			}
			this.file.read(position(index), slot, 0, SLOT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path(), ex);
		}
		return decode(index, slot, 0);
	}

	private TreeNode decode(long index, byte[] buf, int at) {
		byte[] hash = new byte[32];
		System.arraycopy(buf, at, hash, 0, 32);
		long size = Frame.getLong(buf, at + 32);
		if (size == 0 && isZero(hash)) {
			throw new CorruptLogException(this.log, path(), position(index), "tree node " + index + " is missing");
		}
		return new TreeNode(index, size, hash);
	}

	private static boolean isZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Writes the nodes a batch created. Leaves and the parents at or after the batch's first leaf go out in
	 * one contiguous write (slots of parents not yet complete are zero there, and no earlier batch wrote
	 * them); the few parents left of the first leaf are written one by one.
	 */
	void write(List<TreeNode> nodes, long firstLeaf) throws IOException {
		long last = firstLeaf;
		for (TreeNode node : nodes) {
			last = Math.max(last, node.index());
		}
		long slots = last - firstLeaf + 1;
		int bytes = Math.toIntExact(slots * SLOT);
		if (this.region.length < bytes) {
			this.region = new byte[Math.max(bytes, this.region.length * 2)];
		}
		java.util.Arrays.fill(this.region, 0, bytes, (byte) 0);
		byte[] single = null;
		for (TreeNode node : nodes) {
			if (node.index() >= firstLeaf) {
				encode(node, this.region, (int) (node.index() - firstLeaf) * SLOT);
			}
			else {
				single = single == null ? new byte[SLOT] : single;
				encode(node, single, 0);
				this.file.write(single, 0, SLOT, position(node.index()));
			}
		}
		this.file.write(this.region, 0, bytes, position(firstLeaf));
	}

	private static void encode(TreeNode node, byte[] buf, int at) {
		System.arraycopy(node.hash(), 0, buf, at, 32);
		TreeHashes.putUint64(buf, at + 32, node.size());
	}

	/**
	 * Reads the leaf hashes of entries {@code [seq, seq + count)} into {@code out} (32 bytes each), using
	 * {@code scratch} (at least {@link #scratchSize(int)} bytes) for the slots in between.
	 */
	void readLeafHashes(long seq, int count, byte[] out, byte[] scratch) throws IOException {
		int bytes = scratchSize(count);
		this.file.read(position(2 * seq), scratch, 0, bytes);
		for (int i = 0; i < count; i++) {
			System.arraycopy(scratch, 2 * i * SLOT, out, 32 * i, 32);
		}
	}

	static int scratchSize(int count) {
		return (2 * count - 1) * SLOT;
	}

	/** Zeroes the slots of nodes that are not complete in a tree of {@code length} and drops those beyond it. */
	void truncate(long length) throws IOException {
		long slots = length == 0 ? 0 : 2 * length - 1;
		this.file.truncate(position(slots));
		byte[] zero = new byte[SLOT];
		for (long root : FlatTree.fullRoots(length)) {
			for (long p = FlatTree.parent(root); p < slots; p = FlatTree.parent(p)) {
				this.file.write(zero, 0, SLOT, position(p));
			}
		}
	}

	void force() throws IOException {
		this.file.force();
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}
}
