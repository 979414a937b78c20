package dev.kappa.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;


/**
 * The read and serve path of one {@link SignedLog}: entries by seq (verified against their leaf hashes if they
 * were on disk when the log was opened), whole signed frames to send to a peer, and the full scrub
 * ({@link #verify}). Runs concurrently with appends: it sees entries below the log's published length.
 */
final class EntryReader {

	/**
	 * Most entries {@link #readChunk} looks ahead to fill a chunk with whole frames (more only to reach the end of
	 * a first frame): bounds the index, offset and leaf-hash scratch of a chunk of tiny entries.
	 */
	static final int MAX_CHUNK_ENTRIES = 1 << 16;

	private final SignedLog log;

	private final String id;

	private final LogChannel data;

	private final OffsetIndex index;

	private final TreeFile tree;

	/**
	 * Entries at or after this seq were hashed by this process when it stored them, so reads do not hash
	 * them again; entries that were on disk when the log was opened are checked against their leaf hash.
	 */
	private final long openLength;

	/** Keeps damage that {@code log.tree} had at the open from being used. */
	private final TreeCheck treeCheck;

	private final UncheckedEntries unchecked = new UncheckedEntries();

	/** @param opened the tree as recovery found it, its roots verified against the writer's signature */
	EntryReader(SignedLog log, LogFiles files, MerkleTree opened) {
		this.log = log;
		this.id = log.key().toString();
		this.data = files.data();
		this.index = files.index();
		this.tree = files.tree();
		this.openLength = opened.length();
		this.treeCheck = new TreeCheck(this.id, this.tree, this.openLength, opened.roots());
	}

	/** The entries as the data file holds them, not checked against the tree: what a damaged tree is rebuilt from. */
	private final class UncheckedEntries implements TreeCheck.EntrySource {

		@Override
		public EntryBatch load(long from, int maxCount, EntryBatch batch) throws IOException {
			batch.ensureEntries(maxCount);
			EntryReader.this.index.read(from, maxCount, batch.indexScratch);
			EntryReader.this.load(from, countWithin(batch.indexScratch, maxCount, 1 << 20, false), batch, false);
			return batch;
		}

		@Override
		public java.nio.file.Path path() {
			return EntryReader.this.data.path();
		}

		@Override
		public long position(long seq) throws IOException {
			byte[] entry = new byte[OffsetIndex.ENTRY];
			EntryReader.this.index.read(seq, 1, entry);
			return OffsetIndex.offset(entry, 0);
		}
	}

	/** See {@link SignedLog#read(long)}. */
	byte[] read(long seq) {
		checkSeq(seq);
		try {
			byte[] entry = new byte[OffsetIndex.ENTRY];
			this.index.read(seq, 1, entry);
			long offset = OffsetIndex.offset(entry, 0);
			byte[] out = new byte[OffsetIndex.length(entry, 0)];
			this.data.read(offset, out, 0, out.length);
			if (seq < this.openLength) {
				byte[] hash = TreeHashes.leaf(out, 0, out.length);
				if (!Arrays.equals(this.tree.node(2 * seq).hash(), hash) && (!this.treeCheck.leafMismatch(seq, this.unchecked)
						|| !Arrays.equals(this.tree.node(2 * seq).hash(), hash))) {
					throw new CorruptLogException(this.id, this.data.path(), offset,
							"entry " + seq + " does not match its leaf hash in " + this.tree.path());
				}
				this.treeCheck.matched(seq, 1);
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read entry " + seq + " of log " + this.id, ex);
		}
	}

	/** See {@link SignedLog#read(long, int, int, EntryBatch)}. */
	EntryBatch read(long from, int maxCount, int maxBytes, EntryBatch batch) {
		long available = this.log.length() - from;
		int n = (int) Math.min(maxCount, available);
		if (n <= 0) {
			return empty(from, batch);
		}
		try {
			batch.ensureEntries(n);
			this.index.read(from, n, batch.indexScratch);
			int count = countWithin(batch.indexScratch, n, maxBytes, false);
			load(from, count, batch, true);
			return batch;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read log " + this.id + " from seq " + from, ex);
		}
	}

	/** See {@link SignedLog#readChunk}. */
	EntryBatch readChunk(long from, int maxBytes, EntryBatch batch) {
		long available = this.log.length() - from;
		if (available <= 0) {
			return empty(from, batch);
		}
		try {
			int n = (int) Math.min(available, Math.max(256, batch.offsets.length));
			while (true) {
				batch.ensureEntries(n);
				this.index.read(from, n, batch.indexScratch);
				int count = countWithin(batch.indexScratch, n, maxBytes, true);
				if (count > 0 && !roomForMore(batch.indexScratch, n, available, maxBytes)) {
					loadFrames(from, count, batch);
					return batch;
				}
				if (n == available) {
					throw new CorruptLogException(this.id, this.index.path(), OffsetIndex.position(from + n - 1),
							"the last entry is not marked as the end of a batch frame");
				}
				n = (int) Math.min(available, 2L * n);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read log " + this.id + " from seq " + from, ex);
		}
	}

	/**
	 * Whether a chunk could take more frames than the {@code n} index entries read: they all fit in
	 * {@code maxBytes}, more are available, and the chunk holds fewer than {@link #MAX_CHUNK_ENTRIES}. Without it
	 * a chunk held only the frames among the first 256 (or so) entries, one 1,000-entry batch frame of a 1 MiB
	 * chunk, and a replica forced its log once per small frame.
	 */
	private static boolean roomForMore(byte[] entries, int n, long available, int maxBytes) {
		return n < available && n < MAX_CHUNK_ENTRIES
				&& OffsetIndex.end(entries, n - 1) - OffsetIndex.offset(entries, 0) < maxBytes;
	}

	private static EntryBatch empty(long from, EntryBatch batch) {
		batch.first = from;
		batch.count = 0;
		batch.signature = null;
		return batch;
	}

	/**
	 * How many of the {@code n} index entries to take within {@code maxBytes} (at least one, or for frames,
	 * at least up to the first frame end); 0 if a frame end is required and none is among them.
	 */
	private static int countWithin(byte[] entries, int n, int maxBytes, boolean wholeFrames) {
		long first = OffsetIndex.offset(entries, 0);
		int taken = 0;
		for (int i = 0; i < n; i++) {
			boolean fits = OffsetIndex.end(entries, i) - first <= maxBytes;
			if (!wholeFrames) {
				if (!fits && i > 0) {
					break;
				}
				taken = i + 1;
			}
			else if (OffsetIndex.lastInFrame(entries, i)) {
				if (!fits && taken > 0) {
					break;
				}
				taken = i + 1;
			}
		}
		return taken;
	}

	/**
	 * Loads entries whose index entries are in {@code batch.indexScratch}; if {@code check}, those that were on
	 * disk when the log was opened are checked against their leaf hashes.
	 */
	private void load(long from, int count, EntryBatch batch, boolean check) throws IOException {
		byte[] ix = batch.indexScratch;
		long start = OffsetIndex.offset(ix, 0);
		int span = Math.toIntExact(OffsetIndex.end(ix, count - 1) - start);
		batch.ensureData(span);
		this.data.read(start, batch.data, 0, span);
		for (int i = 0; i < count; i++) {
			batch.offsets[i] = (int) (OffsetIndex.offset(ix, i) - start);
			batch.lengths[i] = OffsetIndex.length(ix, i);
		}
		if (check) {
			checkLeaves(from, (int) Math.max(0, Math.min(count, this.openLength - from)), batch, start);
		}
		batch.signature = null;
		batch.first = from;
		batch.count = count;
	}

	/**
	 * Loads whole signed frames for sending ({@link #readChunk}), checked by the frames' CRC32C (the bytes a peer
	 * will verify against the writer's signature) and against the offsets index; only entries of a first frame
	 * that the chunk starts in the middle of are checked against their leaf hashes instead.
	 */
	private void loadFrames(long from, int count, EntryBatch batch) throws IOException {
		byte[] ix = batch.indexScratch;
		int partial = 0;
		long readStart = LogFiles.DATA_HEADER;
		if (from > 0) {
			byte[] previous = new byte[OffsetIndex.ENTRY];
			this.index.read(from - 1, 1, previous);
			if (OffsetIndex.lastInFrame(previous, 0)) {
				readStart = Frame.endAfterEntries(OffsetIndex.end(previous, 0));
			}
			else {
				readStart = OffsetIndex.offset(ix, 0);
				while (!OffsetIndex.lastInFrame(ix, partial)) {
					partial++;
				}
				partial++;
			}
		}
		int span = Math.toIntExact(Frame.endAfterEntries(OffsetIndex.end(ix, count - 1)) - readStart);
		batch.ensureData(span);
		this.data.read(readStart, batch.data, 0, span);
		for (int i = 0; i < count; i++) {
			batch.offsets[i] = (int) (OffsetIndex.offset(ix, i) - readStart);
			batch.lengths[i] = OffsetIndex.length(ix, i);
		}
		checkLeaves(from, Math.min(partial, (int) Math.max(0, this.openLength - from)), batch, readStart);
		int frameAt = partial == 0 ? 0 : (int) Frame.endAfterEntries(batch.offsets[partial - 1] + batch.lengths[partial - 1]);
		for (int i = partial; i < count;) {
			i = checkFrame(batch, frameAt, span, from + i, i, count, readStart);
			frameAt = (int) Frame.endAfterEntries(batch.offsets[i - 1] + batch.lengths[i - 1]);
		}
		batch.signature = Frame.signature(batch.data, span);
		batch.first = from;
		batch.count = count;
	}

	/**
	 * Checks the frame at {@code at} in {@code batch.data} ({@code span} bytes loaded): header, CRC32C, and that
	 * the offsets index agrees with it; returns the index of the entry after it.
	 */
	private int checkFrame(EntryBatch batch, int at, int span, long seq, int i, int count, long readStart) {
		byte[] buf = batch.data;
		String problem = Frame.problem(buf, at, span - at, seq);
		int frameCount = problem == null ? Frame.count(buf, at) : 0;
		if (problem == null && i + frameCount > count) {
			problem = "the batch frame holds " + frameCount + " entries but the offsets index ends it sooner";
		}
		if (problem != null) {
			throw new CorruptLogException(this.id, this.data.path(), readStart + at,
					problem + " (serving entry " + seq + ")");
		}
		int entryAt = at + Frame.entriesOffset(frameCount);
		for (int k = 0; k < frameCount; k++, i++) {
			int size = Frame.entryLength(buf, at, k);
			if (batch.offsets[i] != entryAt || batch.lengths[i] != size) {
				throw new CorruptLogException(this.id, this.index.path(), OffsetIndex.position(seq + k),
						"the offsets index disagrees with the data for entry " + (seq + k));
			}
			entryAt += size;
		}
		return i;
	}

	/**
	 * Checks the first {@code check} entries loaded in {@code batch} against their leaf hashes, reading those
	 * from the tree {@link EntryBatch#LEAF_PIECE} at a time; a mismatch is first taken to
	 * {@link TreeCheck#leafMismatch} (which may repair the tree, then the hashes are read again).
	 */
	private void checkLeaves(long from, int check, EntryBatch batch, long readStart) throws IOException {
		if (check <= 0) {
			return;
		}
		boolean repaired = false;
		byte[] hash = batch.leafHash;
		for (int piece = 0; piece < check; piece += EntryBatch.LEAF_PIECE) {
			int count = Math.min(EntryBatch.LEAF_PIECE, check - piece);
			this.tree.readLeafHashes(from + piece, count, batch.leafHashes, batch.treeScratch);
			for (int k = 0; k < count; k++) {
				int i = piece + k;
				TreeHashes.leaf(batch.data, batch.offsets[i], batch.lengths[i], hash);
				if (!Arrays.equals(hash, 0, 32, batch.leafHashes, 32 * k, 32 * k + 32)) {
					if (!repaired && this.treeCheck.leafMismatch(from + i, this.unchecked)) {
						repaired = true;
						this.tree.readLeafHashes(from + piece, count, batch.leafHashes, batch.treeScratch);
						k--;
						continue;
					}
					throw new CorruptLogException(this.id, this.data.path(), readStart + batch.offsets[i],
							"entry " + (from + i) + " does not match its leaf hash in " + this.tree.path());
				}
			}
		}
		this.treeCheck.matched(from, check);
	}

	/** A node read from the tree file; one from before the open is checked first ({@link TreeCheck#checked}). */
	private TreeNode node(long index) {
		TreeNode node = this.tree.node(index);
		if (!this.treeCheck.old(index)) {
			return node;
		}
		try {
			return this.treeCheck.checked(node, this.unchecked);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot check " + this.tree.path() + " of log " + this.id, ex);
		}
	}

	/** See {@link SignedLog#rootsAt}. */
	List<TreeNode> rootsAt(long length) {
		long held = this.log.length();
		if (length > held) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has only " + held + " entries");
		}
		List<TreeNode> roots = new ArrayList<>();
		for (long index : FlatTree.fullRoots(length)) {
			roots.add(node(index));
		}
		return roots;
	}

	/** See {@link SignedLog#treeNode}. */
	TreeNode treeNode(long index) {
		long held = this.log.length();
		if (index < 0 || FlatTree.rightSpan(index) >= 2 * held) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has " + held + " entries; no tree node " + index);
		}
		return node(index);
	}

	private void checkSeq(long seq) {
		long len = this.log.length();
		if (seq < 0 || seq >= len) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has " + len + " entries; no entry " + seq);
		}
	}

	/** See {@link SignedLog#verify()}: {@code head} is the state to verify, {@code dataEnd} where it ends. */
	void verify(LogHead head, SignatureScheme scheme, long dataEnd) {
		long len = head.length();
		MerkleTree rebuilt = MerkleTree.empty();
		List<TreeNode> nodes = new ArrayList<>();
		EntryBatch batch = new EntryBatch();
		for (long seq = 0; seq < len; seq = batch.end()) {
			read(seq, (int) Math.min(4096, len - seq), 1 << 20, batch);
			for (int i = 0; i < batch.count(); i++) {
				nodes.clear();
				rebuilt.append(batch.buffer(), batch.offset(i), batch.length(i), nodes);
				for (TreeNode node : nodes) {
					if (!node.equals(this.tree.node(node.index()))) {
						throw new CorruptLogException(this.id, this.tree.path(), TreeFile.position(node.index()),
								"tree node " + node.index() + " does not match the entries under it");
					}
				}
			}
		}
		if (len > 0 && !rebuilt.signedBy(scheme, head.signature())) {
			throw new CorruptLogException(this.id, this.data.path(), Frame.signatureAt(dataEnd),
					"the writer's signature does not verify over the entries");
		}
	}
}
