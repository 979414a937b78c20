package dev.kappa.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Merkle tree nodes {@code log.tree}: the node with flat-tree index {@code i} at {@code 16 + 40 * i}, as
 * its 32-byte hash then its u64 byte size. An all-zero slot is a node not yet complete. Derived from the data
 * file: written behind, forced at recovery points and rebuilt after them on open.
 */
final class TreeFile implements Closeable, MerkleTree.NodeSource {

	static final int HEADER = 16;

	static final int SLOT = 40;

	private final LogChannel file;

	private final String log;

	/** Nodes written since the last flush, by flat-tree index; read before the file. */
	private final ConcurrentHashMap<Long, TreeNode> pending = new ConcurrentHashMap<>();

	static final int FLUSH_NODES = 8192;

	/** The indexes put into {@link #pending}, in the order written (the writer's own, under the commit lock). */
	private long[] written = new long[FLUSH_NODES];

	private int writtenCount;

	private byte[] region = new byte[SLOT * 64];

	private TreeFile(LogChannel file, String log) {
		this.file = file;
		this.log = log;
	}

	static TreeFile open(LogFileIo io, Path path, boolean create, String log) throws IOException {
		return new TreeFile(LogChannel.open(io, path, LogChannel.header("KAPPATRE", HEADER, null), create, log), log);
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
		TreeNode held = this.pending.get(index);
		if (held != null) {
			return held;
		}
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
		TreeNode node = decodeOrNull(index, buf, at);
		if (node == null) {
			throw new CorruptLogException(this.log, path(), position(index), "tree node " + index + " is missing");
		}
		return node;
	}

	/** The node in the slot at {@code buf[at]}, or {@code null} for an all-zero slot (a node not complete). */
	static TreeNode decodeOrNull(long index, byte[] buf, int at) {
		byte[] hash = new byte[32];
		System.arraycopy(buf, at, hash, 0, 32);
		long size = Frame.getLong(buf, at + 32);
		return size == 0 && isZero(hash) ? null : new TreeNode(index, size, hash);
	}

	/** Reads the {@code count} slots from node {@code index} on as they are in the file, into {@code buf}. */
	void readSlots(long index, int count, byte[] buf) throws IOException {
		this.file.read(position(index), buf, 0, count * SLOT);
	}

	/** The slot of node {@code index} as it is in the file. */
	byte[] readSlot(long index) throws IOException {
		byte[] slot = new byte[SLOT];
		readSlots(index, 1, slot);
		return slot;
	}

	/** Overwrites the slots of {@code nodes} in the file and forces it (a repair of nodes written long ago). */
	void rewrite(List<TreeNode> nodes) throws IOException {
		byte[] slot = new byte[SLOT];
		for (TreeNode node : nodes) {
			encode(node, slot, 0);
			this.file.write(slot, 0, SLOT, position(node.index()));
		}
		this.file.force();
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
	 * Adds the nodes a batch created. They are held in memory and written out in sorted runs when
	 * {@link #FLUSH_NODES} have gathered, or on {@link #force()}: the tree is derived from the data file and
	 * rebuilt after the last recovery point on open, so it need not be written on every append. Readers see
	 * held nodes through {@link #node(long)}.
	 */
	void write(List<TreeNode> nodes) throws IOException {
		for (TreeNode node : nodes) {
			this.pending.put(node.index(), node);
			if (this.writtenCount == this.written.length) {
				this.written = java.util.Arrays.copyOf(this.written, this.writtenCount * 2);
			}
			this.written[this.writtenCount++] = node.index();
		}
		if (this.pending.size() >= FLUSH_NODES) {
			flush();
		}
	}

	/**
	 * Writes the held nodes, a pwrite per run of consecutive slots; each node leaves memory once on disk. Sorts
	 * the indexes as written (a primitive sort, no boxing), once each.
	 */
	void flush() throws IOException {
		if (this.pending.isEmpty()) {
			this.writtenCount = 0;
			return;
		}
		long[] indexes = this.written;
		java.util.Arrays.sort(indexes, 0, this.writtenCount);
		int count = 0;
		for (int i = 0; i < this.writtenCount; i++) {
			if (count == 0 || indexes[i] != indexes[count - 1]) {
				indexes[count++] = indexes[i];
			}
		}
		int from = 0;
		while (from < count) {
			int to = from + 1;
			while (to < count && indexes[to] == indexes[to - 1] + 1) {
				to++;
			}
			int bytes = (to - from) * SLOT;
			if (this.region.length < bytes) {
				this.region = new byte[Math.max(bytes, this.region.length * 2)];
			}
			for (int i = from; i < to; i++) {
				encode(this.pending.get(indexes[i]), this.region, (i - from) * SLOT);
			}
			this.file.write(this.region, 0, bytes, position(indexes[from]));
			from = to;
		}
		for (int i = 0; i < count; i++) {
			this.pending.remove(indexes[i]);
		}
		this.writtenCount = 0;
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
		flush();
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
		flush();
		this.file.force();
	}

	/** Closes the file; held nodes are dropped unless {@link #force()} wrote them (the next open rebuilds them). */
	@Override
	public void close() throws IOException {
		this.file.close();
	}
}
