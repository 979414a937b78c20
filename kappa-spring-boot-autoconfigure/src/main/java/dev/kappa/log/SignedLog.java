package dev.kappa.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.crypto.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log on disk: a directory holding the data file of signed batch frames ({@code log.dat}), the offsets
 * index ({@code log.idx}) and the Merkle tree nodes ({@code log.tree}); see docs/format.md.
 * <p>
 * Appends are serialized by a commit lock with group commit: concurrent appenders queue their batches, and
 * whichever thread holds the lock writes everything queued as one signed frame (one signature, one fsync),
 * keeping queue order. Reads run concurrently with appends and see entries once they are durable (per the
 * {@link FsyncPolicy}) and published through the volatile length.
 * <p>
 * Internal: the engine wraps it in the public {@code LogReader}/{@code LogWriter}.
 */
public final class SignedLog implements Closeable {

	static final String DATA_FILE = "log.dat";

	/**
	 * Left by a recovery cut that may have removed entries this writer had published: while it exists the log
	 * refuses appends (they would sign those seqs a second time). Deleting it accepts the loss.
	 */
	static final String CUT_FILE = "log.cut";

	static final String INDEX_FILE = "log.idx";

	static final String TREE_FILE = "log.tree";

	static final int DATA_HEADER = 64;

	/**
	 * Most bytes (entries plus 4 per entry) {@link #appendVerified} stores under one signature.
	 */
	public static final long MAX_VERIFIED_BYTES = Frame.MAX_LENGTH - Frame.HEADER - Frame.TRAILER;

	private static final Logger logger = LoggerFactory.getLogger(SignedLog.class);

	/** Told about every batch made durable. */
	public interface Listener {

		void appended(SignedLog log, long newLength);
	}

	private final LogKey key;

	private final String id;

	private final Path dir;

	private final LogChannel data;

	private final OffsetIndex index;

	private final TreeFile tree;

	private final Ed25519.KeyPair keyPair;

	private final SignatureScheme scheme;

	private final LogOptions options;

	private final Listener listener;

	private final ReentrantLock lock = new ReentrantLock();

	private final ConcurrentLinkedQueue<AppendRequest> pending = new ConcurrentLinkedQueue<>();

	// Guarded by lock.
	private MerkleTree merkle;

	private long dataEnd;

	private byte[] signature;

	private RecoveryPoint recoveryPoint;

	private long recoveryPointNanos = System.nanoTime();

	private boolean unforced;

	private byte[] frame = new byte[64 * 1024];

	private byte[] indexEntries = new byte[1024 * OffsetIndex.ENTRY];

	private final ArrayList<TreeNode> created = new ArrayList<>();

	private volatile long length;

	/**
	 * Entries at or after this seq were hashed by this process when it stored them, so reads do not hash
	 * them again; entries that were on disk when the log was opened are checked against their leaf hash.
	 */
	private final long openLength;

	private volatile KappaException failure;

	private volatile boolean closed;

	/** Why this writer's log refuses appends after a lossy cut (see {@link #CUT_FILE}), or {@code null}. */
	private volatile String appendRefusal;

	/** A write failed and may have left bytes past {@link #dataEnd}: cut them before the next write. */
	private boolean tailDirty;

	/** In a run of passing I/O failures (logged once). */
	private boolean passingFailure;

	private SignedLog(Path dir, LogKey key, SignatureScheme scheme, Files files, Ed25519.KeyPair keyPair,
			LogOptions options, Listener listener, LogRecovery.Result state) {
		this.dir = dir;
		this.key = key;
		this.id = key.toString();
		this.data = files.data;
		this.index = files.index;
		this.tree = files.tree;
		this.keyPair = keyPair;
		this.scheme = scheme;
		this.options = options;
		this.listener = listener;
		this.merkle = state.tree();
		this.dataEnd = state.dataEnd();
		this.signature = state.signature();
		this.recoveryPoint = state.recoveryPoint();
		this.length = state.tree().length();
		this.openLength = this.length;
	}

	private record Files(LogChannel data, OffsetIndex index, TreeFile tree) {

		static Files open(LogFileIo io, Path dir, LogKey key, boolean create) throws IOException {
			String id = key.toString();
			LogChannel data = LogChannel.open(io, dir.resolve(DATA_FILE),
					LogChannel.header("KAPPALOG", DATA_HEADER, key.bytes()), create, id);
			try {
				// the index and tree are derived: missing ones are created and rebuilt by recovery
				OffsetIndex index = OffsetIndex.open(io, dir.resolve(INDEX_FILE), true, id);
				try {
					return new Files(data, index, TreeFile.open(io, dir.resolve(TREE_FILE), true, id));
				}
				catch (IOException | RuntimeException ex) {
					index.close();
					throw ex;
				}
			}
			catch (IOException | RuntimeException ex) {
				data.close();
				throw ex;
			}
		}

		void close() throws IOException {
			try (LogChannel d = this.data; OffsetIndex i = this.index; TreeFile t = this.tree) {
				// closes all three
			}
		}
	}

	/**
	 * Opens the log in {@code dir}, creating its files if {@code create}; runs recovery (see
	 * {@link LogRecovery}).
	 * @param scheme how the writer's signatures verify (compat, or the manifest's in {@code log.manifest})
	 * @param keyPair the writer's key pair for a local log, {@code null} for a replica
	 * @throws CorruptLogException if the files are inconsistent in a way a crash cannot explain
	 */
	static SignedLog open(Path dir, LogKey key, SignatureScheme scheme, Ed25519.KeyPair keyPair, boolean create,
			LogOptions options, Listener listener) throws IOException {
		Files files = Files.open(options.io(), dir, key, create);
		try {
			LogRecovery.Result state = LogRecovery.recover(key, scheme, dir, files.data, files.index, files.tree, options);
			SignedLog log = new SignedLog(dir, key, scheme, files, keyPair, options, listener, state);
			if (keyPair != null) {
				log.guardAgainstResigning(state.lossyCutAt());
			}
			return log;
		}
		catch (IOException | RuntimeException ex) {
			files.close();
			throw ex;
		}
	}

	public LogKey key() {
		return this.key;
	}

	/** How the writer's signatures of this log verify. */
	public SignatureScheme scheme() {
		return this.scheme;
	}

	/**
	 * Whether kappa's own replication can pass this log on: compat signatures, and every frame signed (no signed
	 * group of several frames, docs/format.md), so each chunk it sends carries the writer's signature.
	 */
	public boolean passesOn() {
		return this.scheme.manifest() == null;
	}

	/** After a lossy cut (now or at an earlier open), refuses appends until the operator accepts the loss. */
	private void guardAgainstResigning(long lossyCutAt) throws IOException {
		Path marker = this.dir.resolve(CUT_FILE);
		if (lossyCutAt >= 0 && !java.nio.file.Files.exists(marker)) {
			java.nio.file.Files.writeString(marker, lossyCutAt + "\n");
			Directories.force(this.dir);
		}
		if (java.nio.file.Files.exists(marker)) {
			String from = java.nio.file.Files.readString(marker).trim();
			this.appendRefusal = "Log " + this.id + " refuses appends: a recovery cut removed entries from seq " + from
					+ " on that its writer may have acknowledged or published; appending would sign those seqs a second"
					+ " time (a fork for every peer holding the originals). Restore the entries (replicate or copy the log"
					+ " back from a peer or backup that holds them), or accept the loss by deleting " + marker;
			logger.error(this.appendRefusal);
		}
	}

	private void checkNotCut() {
		String refusal = this.appendRefusal;
		if (refusal != null) {
			if (java.nio.file.Files.exists(this.dir.resolve(CUT_FILE))) {
				throw new KappaException(refusal);
			}
			this.appendRefusal = null;
			logger.warn("Log {}: {} was deleted: the loss is accepted and appends resume at seq {}", this.id,
					this.dir.resolve(CUT_FILE), this.length);
		}
	}

	/** Whether this database holds the writer's secret key. */
	public boolean writable() {
		return this.keyPair != null;
	}

	/** Entries held, all durable and signed. */
	public long length() {
		return this.length;
	}

	Path dir() {
		return this.dir;
	}

	// ---------------------------------------------------------------- appending

	private static final class AppendRequest {

		final List<byte[]> entries;

		long firstSeq;

		RuntimeException error;

		boolean done;

		AppendRequest(List<byte[]> entries) {
			this.entries = entries;
		}
	}

	/**
	 * Appends entries (envelopes) as one signed batch, possibly committed together with other threads'
	 * batches.
	 * @return the seq of the first entry
	 */
	public long append(List<byte[]> entries) {
		if (this.keyPair == null) {
			throw new IllegalStateException("Log " + this.id + " is replicated from a peer; only its writer can append to it");
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("Nothing to append");
		}
		checkNotCut();
		for (byte[] entry : entries) {
			if (entry.length > Frame.MAX_ENTRY) {
				throw new IllegalArgumentException("An entry is at most " + Frame.MAX_ENTRY + " bytes, got " + entry.length);
			}
		}
		AppendRequest request = new AppendRequest(entries);
		this.pending.add(request);
		long newLength;
		this.lock.lock();
		try {
			if (!request.done) {
				commitPending();
			}
			newLength = this.length;
		}
		finally {
			this.lock.unlock();
		}
		if (request.error != null) {
			throw request.error;
		}
		this.listener.appended(this, newLength);
		return request.firstSeq;
	}

	/** Writes everything queued now, as few frames as the frame size allows. Holds the lock. */
	private void commitPending() {
		List<AppendRequest> group = new ArrayList<>();
		List<byte[]> entries = new ArrayList<>();
		long bytes = 0;
		AppendRequest next;
		while ((next = this.pending.peek()) != null && (group.isEmpty() || bytes < Frame.MAX_LENGTH / 2)) {
			this.pending.poll();
			next.firstSeq = this.length + entries.size();
			group.add(next);
			entries.addAll(next.entries);
			for (byte[] e : next.entries) {
				bytes += e.length + 4;
			}
		}
		try {
			checkUsable();
			cutFailedTail();
			int from = 0;
			while (from < entries.size()) {
				int to = frameEnd(entries, from);
				long start = this.length;
				int frameLength = layout(start, entries, from, to);
				MerkleTree work = this.merkle.copy();
				hashEntries(work, to - from);
				persist(frameLength, start, to - from, this.keyPair.sign(work.signable()), work);
				from = to;
			}
		}
		catch (IOException | RuntimeException ex) {
			RuntimeException error = fail("append", ex);
			group.forEach(r -> r.error = error);
		}
		catch (Error error) {
			// Not swallowed: it goes on to the caller; the other appends of the group fail with it.
			this.tailDirty = true;
			KappaException failed = new KappaException("Log " + this.id + ": the append failed on " + error, error);
			group.forEach(r -> r.error = failed);
			throw error;
		}
		finally {
			group.forEach(r -> r.done = true);
		}
		maybeWriteRecoveryPoint(false);
	}

	private static int frameEnd(List<byte[]> entries, int from) {
		long size = Frame.HEADER + Frame.TRAILER;
		int to = from;
		while (to < entries.size()) {
			long next = size + 4 + entries.get(to).length;
			if (to > from && next > Frame.MAX_LENGTH) {
				break;
			}
			size = next;
			to++;
		}
		return to;
	}

	/** Lays out entries {@code [from, to)} as a frame in {@link #frame}; returns its length. */
	private int layout(long start, List<byte[]> entries, int from, int to) {
		int count = to - from;
		long bytes = 0;
		for (int i = from; i < to; i++) {
			bytes += entries.get(i).length;
		}
		int frameLength = Frame.length(count, bytes);
		ensureFrame(frameLength);
		Frame.putHeader(this.frame, frameLength, start, count, (int) this.merkle.fork());
		int at = Frame.entriesOffset(count);
		for (int i = from; i < to; i++) {
			byte[] entry = entries.get(i);
			Frame.putInt(this.frame, Frame.HEADER + 4 * (i - from), entry.length);
			System.arraycopy(entry, 0, this.frame, at, entry.length);
			at += entry.length;
		}
		return frameLength;
	}

	private void ensureFrame(int size) {
		if (this.frame.length < size) {
			this.frame = new byte[Math.max(size, this.frame.length * 2)];
		}
	}

	/** Adds the {@code count} entries laid out in {@link #frame} to {@code work}, collecting new nodes. */
	private void hashEntries(MerkleTree work, int count) {
		this.created.clear();
		int at = Frame.entriesOffset(count);
		for (int i = 0; i < count; i++) {
			int size = Frame.getInt(this.frame, Frame.HEADER + 4 * i);
			work.append(this.frame, at, size, this.created);
			at += size;
		}
	}

	/** Seals and writes the frame in {@link #frame}, then its index entries and tree nodes; publishes. */
	private void persist(int frameLength, long start, int count, byte[] sig, MerkleTree work) throws IOException {
		System.arraycopy(sig, 0, this.frame, frameLength - Frame.TRAILER, sig.length);
		Frame.putInt(this.frame, frameLength - 4, Frame.crc(this.frame, 0, frameLength));
		long frameStart = this.dataEnd;
		this.data.write(this.frame, 0, frameLength, frameStart);
		if (this.indexEntries.length < count * OffsetIndex.ENTRY) {
			this.indexEntries = new byte[count * OffsetIndex.ENTRY];
		}
		long at = frameStart + Frame.entriesOffset(count);
		for (int i = 0; i < count; i++) {
			int size = Frame.getInt(this.frame, Frame.HEADER + 4 * i);
			OffsetIndex.put(this.indexEntries, i, at, size, i == count - 1);
			at += size;
		}
		this.index.write(start, this.indexEntries, count);
		this.tree.write(this.created);
		if (this.options.fsync() == FsyncPolicy.BATCH) {
			this.data.force();
		}
		else {
			this.unforced = true;
		}
		this.passingFailure = false;
		this.merkle = work;
		this.dataEnd = frameStart + frameLength;
		this.signature = sig;
		this.length = start + count;
	}

	// ---------------------------------------------------------------- entries from peers

	/**
	 * Stores entries received from a peer after verifying them: they must continue this log at its current
	 * length, and the writer's {@code signature} must cover the tree they produce. If the peer's roots at
	 * {@code start} differ from ours and its signature verifies over them, the writer has forked.
	 * @param senderRoots the peer's Merkle roots at {@code start}, or {@code null} to use ours
	 * @throws RejectedEntriesException if they do not verify (nothing is stored)
	 * @throws ForkException if they prove the writer signed two histories (nothing is stored)
	 */
	public void appendVerified(long start, List<byte[]> entries, long fork, byte[] sig, List<TreeNode> senderRoots) {
		long newLength;
		this.lock.lock();
		try {
			checkUsable();
			if (this.keyPair != null) {
				throw new RejectedEntriesException("Log " + this.id + " is our own writable log; a peer cannot add entries to it");
			}
			if (start != this.length) {
				throw new RejectedEntriesException("Entries for log " + this.id + " start at seq " + start
						+ " but the log holds " + this.length);
			}
			if (entries.isEmpty() || fork != this.merkle.fork()) {
				throw new RejectedEntriesException("Entries for log " + this.id + " are empty or for another fork (" + fork + ")");
			}
			long bytes = Frame.HEADER + Frame.TRAILER;
			for (byte[] entry : entries) {
				bytes += 4 + entry.length;
			}
			if (bytes > Frame.MAX_LENGTH) {
				throw new RejectedEntriesException("A signed chunk for log " + this.id + " of " + bytes
						+ " bytes exceeds the maximum frame of " + Frame.MAX_LENGTH);
			}
			int frameLength = layout(start, entries, 0, entries.size());
			if (senderRoots != null && !senderRoots.equals(this.merkle.roots())) {
				checkFork(start, entries.size(), fork, sig, senderRoots);
			}
			MerkleTree work = this.merkle.copy();
			hashEntries(work, entries.size());
			if (!work.signedBy(this.scheme, sig)) {
				throw new RejectedEntriesException("The writer's signature does not verify over entries " + start + ".."
						+ (start + entries.size() - 1) + " of log " + this.id);
			}
			try {
				cutFailedTail();
				persist(frameLength, start, entries.size(), sig.clone(), work);
			}
			catch (IOException | RuntimeException ex) {
				throw fail("store verified entries", ex);
			}
			newLength = this.length;
			maybeWriteRecoveryPoint(false);
		}
		finally {
			this.lock.unlock();
		}
		this.listener.appended(this, newLength);
	}

	/** The peer's roots differ from ours: a fork if its signature verifies over them, else a bad proof. */
	private void checkFork(long start, int count, long fork, byte[] sig, List<TreeNode> senderRoots) {
		MerkleTree theirs;
		try {
			theirs = MerkleTree.ofRoots(senderRoots, fork);
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedEntriesException("The peer's Merkle roots for log " + this.id + " are malformed: " + ex.getMessage());
		}
		if (theirs.length() != start) {
			throw new RejectedEntriesException("The peer's Merkle roots for log " + this.id + " describe length "
					+ theirs.length() + ", not " + start);
		}
		hashEntries(theirs, count);
		if (theirs.signedBy(this.scheme, sig)) {
			throw new ForkException(new ForkException.Evidence(this.key, start, this.merkle.roots(), this.signature,
					senderRoots, theirs.length(), theirs.treeHash(), sig.clone()));
		}
		throw new RejectedEntriesException("The peer's Merkle roots for log " + this.id
				+ " differ from ours and its signature does not verify over them");
	}

	// ---------------------------------------------------------------- reading

	/**
	 * The entry at {@code seq}, verified against its leaf hash if it was on disk when the log was opened.
	 * @throws IndexOutOfBoundsException if {@code seq} is not below {@link #length()}
	 * @throws CorruptLogException if the bytes do not match the tree
	 */
	public byte[] read(long seq) {
		checkSeq(seq);
		try {
			byte[] entry = new byte[OffsetIndex.ENTRY];
			this.index.read(seq, 1, entry);
			long offset = OffsetIndex.offset(entry, 0);
			byte[] out = new byte[OffsetIndex.length(entry, 0)];
			this.data.read(offset, out, 0, out.length);
			if (seq < this.openLength && !Arrays.equals(this.tree.node(2 * seq).hash(), TreeHashes.leaf(out, 0, out.length))) {
				throw new CorruptLogException(this.id, this.data.path(), offset,
						"entry " + seq + " does not match its leaf hash in " + this.tree.path());
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read entry " + seq + " of log " + this.id, ex);
		}
	}

	/**
	 * Reads up to {@code maxCount} entries from {@code from} (at least one if any exist, else at most
	 * {@code maxBytes} of entry data) into {@code batch}, verified against their leaf hashes.
	 */
	public EntryBatch read(long from, int maxCount, int maxBytes, EntryBatch batch) {
		long available = this.length - from;
		int n = (int) Math.min(maxCount, available);
		if (n <= 0) {
			batch.first = from;
			batch.count = 0;
			batch.signature = null;
			return batch;
		}
		try {
			batch.ensureEntries(n);
			this.index.read(from, n, batch.indexScratch);
			int count = countWithin(batch.indexScratch, n, maxBytes, false);
			load(from, count, batch);
			return batch;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read log " + this.id + " from seq " + from, ex);
		}
	}

	/**
	 * Reads whole signed frames from {@code from} (at least one, else up to {@code maxBytes} of entries) with
	 * the writer's signature of the tree at their end, for sending to a peer. {@code from} need not be a frame
	 * start: the signature covers the tree at the end, whatever prefix the peer already holds.
	 */
	public EntryBatch readChunk(long from, int maxBytes, EntryBatch batch) {
		long available = this.length - from;
		if (available <= 0) {
			batch.first = from;
			batch.count = 0;
			batch.signature = null;
			return batch;
		}
		try {
			int n = (int) Math.min(available, Math.max(256, batch.offsets.length));
			while (true) {
				batch.ensureEntries(n);
				this.index.read(from, n, batch.indexScratch);
				int count = countWithin(batch.indexScratch, n, maxBytes, true);
				if (count > 0) {
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
	 * How many of the {@code n} index entries to take within {@code maxBytes} (at least one, or for frames,
	 * at least up to the first frame end); 0 if a frame end is required and none is among them.
	 */
	private static int countWithin(byte[] entries, int n, int maxBytes, boolean wholeFrames) {
		long first = OffsetIndex.offset(entries, 0);
		int taken = 0;
		for (int i = 0; i < n; i++) {
			long end = OffsetIndex.offset(entries, i) + OffsetIndex.length(entries, i);
			boolean fits = end - first <= maxBytes;
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
	 * Loads entries whose index entries are in {@code batch.indexScratch}; those that were on disk when the log
	 * was opened are checked against their leaf hashes.
	 */
	private void load(long from, int count, EntryBatch batch) throws IOException {
		byte[] ix = batch.indexScratch;
		long start = OffsetIndex.offset(ix, 0);
		long end = OffsetIndex.offset(ix, count - 1) + OffsetIndex.length(ix, count - 1);
		int span = Math.toIntExact(end - start);
		batch.ensureData(span);
		this.data.read(start, batch.data, 0, span);
		for (int i = 0; i < count; i++) {
			batch.offsets[i] = (int) (OffsetIndex.offset(ix, i) - start);
			batch.lengths[i] = OffsetIndex.length(ix, i);
		}
		checkLeaves(from, (int) Math.max(0, Math.min(count, this.openLength - from)), batch, start);
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
		long readStart = OffsetIndex.offset(ix, 0);
		if (from > 0) {
			byte[] previous = new byte[OffsetIndex.ENTRY];
			this.index.read(from - 1, 1, previous);
			if (OffsetIndex.lastInFrame(previous, 0)) {
				readStart = OffsetIndex.offset(previous, 0) + OffsetIndex.length(previous, 0) + Frame.TRAILER;
			}
			else {
				while (!OffsetIndex.lastInFrame(ix, partial)) {
					partial++;
				}
				partial++;
			}
		}
		else {
			readStart = SignedLog.DATA_HEADER;
		}
		long lastEnd = OffsetIndex.offset(ix, count - 1) + OffsetIndex.length(ix, count - 1);
		int span = Math.toIntExact(lastEnd + Frame.TRAILER - readStart);
		batch.ensureData(span);
		this.data.read(readStart, batch.data, 0, span);
		for (int i = 0; i < count; i++) {
			batch.offsets[i] = (int) (OffsetIndex.offset(ix, i) - readStart);
			batch.lengths[i] = OffsetIndex.length(ix, i);
		}
		checkLeaves(from, Math.min(partial, (int) Math.max(0, this.openLength - from)), batch, readStart);
		int frameAt = partial == 0 ? 0 : batch.offsets[partial - 1] + batch.lengths[partial - 1] + Frame.TRAILER;
		for (int i = partial; i < count;) {
			i = checkFrame(batch, frameAt, span, from + i, i, count, readStart);
			frameAt = batch.offsets[i - 1] + batch.lengths[i - 1] + Frame.TRAILER;
		}
		batch.signature = Arrays.copyOfRange(batch.data, span - Frame.TRAILER, span - 4);
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
		int frameCount = problem == null ? Frame.getInt(buf, at + 16) : 0;
		if (problem == null && i + frameCount > count) {
			problem = "the batch frame holds " + frameCount + " entries but the offsets index ends it sooner";
		}
		if (problem != null) {
			throw new CorruptLogException(this.id, this.data.path(), readStart + at,
					problem + " (serving entry " + seq + ")");
		}
		int entryAt = at + Frame.entriesOffset(frameCount);
		for (int k = 0; k < frameCount; k++, i++) {
			int size = Frame.getInt(buf, at + Frame.HEADER + 4 * k);
			if (batch.offsets[i] != entryAt || batch.lengths[i] != size) {
				throw new CorruptLogException(this.id, this.index.path(), OffsetIndex.position(seq + k),
						"the offsets index disagrees with the data for entry " + (seq + k));
			}
			entryAt += size;
		}
		return i;
	}

	/** Checks the first {@code check} entries loaded in {@code batch} against their leaf hashes. */
	private void checkLeaves(long from, int check, EntryBatch batch, long readStart) throws IOException {
		if (check <= 0) {
			return;
		}
		this.tree.readLeafHashes(from, check, batch.leafHashes, batch.treeScratch);
		for (int i = 0; i < check; i++) {
			byte[] hash = TreeHashes.leaf(batch.data, batch.offsets[i], batch.lengths[i]);
			if (!Arrays.equals(hash, 0, 32, batch.leafHashes, 32 * i, 32 * i + 32)) {
				throw new CorruptLogException(this.id, this.data.path(), readStart + batch.offsets[i],
						"entry " + (from + i) + " does not match its leaf hash in " + this.tree.path());
			}
		}
	}

	private void checkSeq(long seq) {
		long len = this.length;
		if (seq < 0 || seq >= len) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has " + len + " entries; no entry " + seq);
		}
	}

	// ---------------------------------------------------------------- signed state

	/**
	 * The latest signed state of the log.
	 *
	 * @param length entries covered
	 * @param fork the fork id (always 0: logs are never truncated)
	 * @param treeHash the Merkle tree hash at {@code length}
	 * @param signature the writer's signature over it ({@code null} for an empty log)
	 */
	public record Head(long length, long fork, byte[] treeHash, byte[] signature) {
	}

	public Head head() {
		this.lock.lock();
		try {
			return new Head(this.length, this.merkle.fork(), this.merkle.treeHash(),
					this.signature == null ? null : this.signature.clone());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The Merkle roots of the tree at {@code length} (at most the current length). */
	public List<TreeNode> rootsAt(long length) {
		if (length > this.length) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has only " + this.length + " entries");
		}
		List<TreeNode> roots = new ArrayList<>();
		for (long index : FlatTree.fullRoots(length)) {
			roots.add(this.tree.node(index));
		}
		return roots;
	}

	/**
	 * The stored tree node at flat-tree {@code index}, for proofs served to hypercore peers; the node must lie
	 * within the current length (every leaf under it held).
	 * @throws IndexOutOfBoundsException if it does not
	 */
	public TreeNode treeNode(long index) {
		if (index < 0 || FlatTree.rightSpan(index) >= 2 * this.length) {
			throw new IndexOutOfBoundsException("Log " + this.id + " has " + this.length + " entries; no tree node " + index);
		}
		return this.tree.node(index);
	}

	/**
	 * Whether {@code signature} is the writer's signature (hypercore compat signable) of the tree with
	 * {@code treeHash} at {@code length} and {@code fork}, for any log, held or not.
	 * @return false also when {@code key} is not a valid Ed25519 public key or the hash is not 32 bytes
	 */
	public static boolean verifyHead(LogKey key, long length, long fork, byte[] treeHash, byte[] signature) {
		Ed25519.Verifier verifier;
		try {
			verifier = Ed25519.Verifier.of(key.bytes());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return treeHash != null && treeHash.length == 32
				&& verifier.verify(signature, TreeHashes.signable(treeHash, length, fork));
	}

	/**
	 * Whether {@code entries}, as the first entries of log {@code key} (seq 0 on, fork 0), carry the writer's
	 * {@code signature}: lets a replica be created only once its first entries verify.
	 */
	public static boolean verifiesFromEmpty(LogKey key, List<byte[]> entries, long fork, byte[] signature) {
		Ed25519.Verifier verifier;
		try {
			verifier = Ed25519.Verifier.of(key.bytes());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (fork != 0 || entries.isEmpty() || signature == null) {
			return false;
		}
		MerkleTree tree = MerkleTree.empty();
		List<TreeNode> created = new ArrayList<>();
		for (byte[] entry : entries) {
			tree.append(entry, 0, entry.length, created);
		}
		return verifier.verify(signature, tree.signable());
	}

	/**
	 * Checks a signed state a peer announced: whether the signature verifies, and whether it agrees with our
	 * copy where they overlap.
	 * @return {@code true} if it verifies and agrees; {@code false} if the signature does not verify
	 * @throws ForkException if it verifies but describes a different tree at a length we hold
	 */
	public boolean checkAnnounced(long length, long fork, byte[] treeHash, byte[] sig) {
		if (!this.scheme.verify(sig, treeHash, length, fork)) {
			return false;
		}
		if (length <= this.length && length > 0) {
			List<TreeNode> ours = rootsAt(length);
			if (!Arrays.equals(TreeHashes.tree(ours), treeHash)) {
				Head head = head();
				throw new ForkException(new ForkException.Evidence(this.key, head.length(), rootsAt(head.length()),
						head.signature(), List.of(), length, treeHash.clone(), sig.clone()));
			}
		}
		return true;
	}

	/**
	 * Verifies the whole log: re-hashes every entry, rebuilds the tree and compares every node with the tree
	 * file, and verifies the writer's last signature. Reads everything: for tests and scrubbing, not for
	 * the open path.
	 * @throws CorruptLogException at the first mismatch
	 */
	public void verify() {
		Head head = head();
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
		if (len > 0 && !rebuilt.signedBy(this.scheme, head.signature())) {
			throw new CorruptLogException(this.id, this.data.path(), this.dataEnd - Frame.TRAILER,
					"the writer's signature does not verify over the entries");
		}
	}

	// ---------------------------------------------------------------- durability

	/** Periodic work: forces data for {@link FsyncPolicy#INTERVAL}, writes a due recovery point. */
	void maintain() {
		if (this.closed || !this.lock.tryLock()) {
			return;
		}
		try {
			if (this.closed || this.failure != null) {
				return;
			}
			if (this.unforced && this.options.fsync() == FsyncPolicy.INTERVAL) {
				this.data.force();
				this.unforced = false;
			}
			maybeWriteRecoveryPoint(false);
		}
		catch (IOException | RuntimeException ex) {
			fail("force to disk", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** After a write that failed and may have left bytes past the last frame: cuts them before writing again. */
	private void cutFailedTail() throws IOException {
		if (this.tailDirty) {
			this.data.truncate(this.dataEnd);
			this.index.truncate(this.length);
			this.tree.truncate(this.length);
			this.tailDirty = false;
		}
	}

	/** Writes a recovery point if one is due (or {@code force}). Holds the lock. */
	private void maybeWriteRecoveryPoint(boolean force) {
		if (this.failure != null || this.dataEnd == this.recoveryPoint.dataEnd()) {
			return;
		}
		boolean due = force || this.dataEnd - this.recoveryPoint.dataEnd() >= this.options.recoveryPointBytes()
				|| System.nanoTime() - this.recoveryPointNanos >= this.options.recoveryPointInterval().toNanos();
		if (!due) {
			return;
		}
		try {
			this.data.force();
			this.unforced = false;
			this.index.force();
			this.tree.force();
			RecoveryPoint point = new RecoveryPoint(this.length, this.dataEnd);
			point.write(this.options.io(), this.dir);
			this.recoveryPoint = point;
			this.recoveryPointNanos = System.nanoTime();
		}
		catch (IOException | RuntimeException ex) {
			fail("write a recovery point", ex);
		}
	}

	/** An I/O error that may pass (no descriptors, disk full, a device error): the next attempt retries. */
	static boolean passing(Exception ex) {
		return ex instanceof IOException || ex instanceof java.io.UncheckedIOException;
	}

	private void checkUsable() {
		if (this.closed) {
			throw new KappaException("Log " + this.id + " is closed");
		}
		KappaException failed = this.failure;
		if (failed != null) {
			throw new KappaException("Log " + this.id + " stopped after a failure that cannot pass (" + failed.getMessage()
					+ "); reopen the database once it is repaired", failed);
		}
	}

	/** Why this log takes no more writes (corruption, not a passing I/O error), or {@code null} while usable. */
	public KappaException failure() {
		return this.failure;
	}

	/**
	 * A failed write. An I/O error that may pass fails only the operation that met it: whatever it may have
	 * left past the last frame is cut (now, or before the next write), nothing changed in memory, and the next
	 * attempt retries; one WARN per run of such failures. Anything else (corruption, a bug) leaves the files'
	 * state unknown: the log takes no more writes until reopened.
	 */
	private KappaException fail(String action, Exception ex) {
		if (ex instanceof KappaException known && !(ex instanceof CorruptLogException)) {
			return known;
		}
		if (passing(ex)) {
			this.tailDirty = true;
			try {
				cutFailedTail();
			}
			catch (IOException again) {
				// cut before the next write
			}
			if (!this.passingFailure) {
				this.passingFailure = true;
				logger.warn("Log {} could not {} in {}: {}; nothing was lost, the next attempt retries", this.id, action,
						this.dir, ex.getMessage());
			}
			return new KappaException("Log " + this.id + " could not " + action + " in " + this.dir + ": "
					+ ex.getMessage() + " (an I/O error that may pass: nothing was stored, the next attempt retries)", ex);
		}
		KappaException error = new KappaException("Log " + this.id + " failed to " + action + " in " + this.dir
				+ ": " + ex.getMessage(), ex);
		if (this.failure == null) {
			this.failure = error;
			logger.error("{}; it accepts no more writes until the database is reopened", error.getMessage(), ex);
		}
		return error;
	}

	/** Forces everything, writes a final recovery point (so the next open has nothing to replay) and closes. */
	@Override
	public void close() throws IOException {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			maybeWriteRecoveryPoint(true);
			this.closed = true;
			this.data.close();
			this.index.close();
			this.tree.close();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "SignedLog[" + this.id + ", length=" + this.length + (writable() ? ", writable" : "") + "]";
	}
}
