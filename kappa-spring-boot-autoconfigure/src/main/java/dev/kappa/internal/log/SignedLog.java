package dev.kappa.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;

/**
 * One log on disk: a directory holding the data file of signed batch frames ({@code log.dat}), the offsets
 * index ({@code log.idx}) and the Merkle tree nodes ({@code log.tree}); see docs/format.md.
 * <p>
 * Appends are serialized by a commit lock with group commit: concurrent appenders queue their batches, and
 * whichever thread holds the lock writes everything queued as one signed frame (one signature, one fsync),
 * keeping queue order (or, under fsync never/interval, later: {@link DeferredCommits}). Reads ({@link EntryReader})
 * run concurrently with appends and see entries once written (and forced, per the {@link FsyncPolicy}) and
 * published by the volatile length; {@link SignedStateChecks} checks peers.
 * <p>
 * Internal: the engine wraps it in the public {@code LogReader}/{@code LogWriter}.
 */
public final class SignedLog implements Closeable {

	/**
	 * Most bytes (entries plus 4 per entry) {@link #appendVerified} stores under one signature: more than a frame
	 * is stored as a signed group (docs/format.md, "Covered frames"), held in memory until it is verified.
	 */
	public static final long MAX_VERIFIED_BYTES = 256L << 20;

	private final LogKey key;

	private final String id;

	private final Path dir;

	private final LogFiles files;

	private final Ed25519.KeyPair keyPair;

	private final SignatureScheme scheme;

	private final AppendListener listener;

	private final EntryReader reader;

	private final LogDurability durability;

	private final ReentrantLock lock = new ReentrantLock();

	/** How appends are committed: {@link GroupCommit}, or {@link DeferredCommits} for a local log that defers. */
	private final Commits commits;

	// Guarded by lock.
	private MerkleTree merkle;

	private long dataEnd;

	private byte[] signature;

	private final FrameWriter frame = new FrameWriter();

	private volatile long length;

	private volatile boolean closed;

	/** Whether the log holds a signed group of several frames (covered frames), so it is not passed on. */
	private volatile boolean covered;

	/** A local log's guard after a lossy recovery cut; {@code null} for a replica. */
	private LossyCut lossyCut;

	private SignedLog(Path dir, LogKey key, SignatureScheme scheme, LogFiles files, Ed25519.KeyPair keyPair,
			LogOptions options, AppendListener listener, LogRecovery.Result state, ScheduledExecutorService timer) {
		this.dir = dir;
		this.key = key;
		this.id = key.toString();
		this.files = files;
		this.keyPair = keyPair;
		this.scheme = scheme;
		this.listener = listener;
		this.merkle = state.tree();
		this.dataEnd = state.dataEnd();
		this.signature = state.signature();
		this.durability = new LogDurability(this.id, dir, files, options, state.recoveryPoint());
		this.length = state.tree().length();
		this.covered = state.covered();
		this.reader = new EntryReader(this, files, state.tree());
		this.commits = keyPair != null && options.defersCommits() ? new DeferredCommits(this, this.lock, listener,
				this.durability, this.length, options.linger(), timer) : new GroupCommit(this, this.lock, listener);
	}

	/**
	 * Opens the log in {@code dir}, creating its files if {@code create}; runs recovery ({@link LogRecovery}).
	 * @param scheme how the writer's signatures verify (compat, or the manifest's in {@code log.manifest})
	 * @param keyPair the writer's key pair for a local log, {@code null} for a replica
	 * @throws CorruptLogException if the files are inconsistent in a way a crash cannot explain
	 */
	static SignedLog open(Path dir, LogKey key, SignatureScheme scheme, Ed25519.KeyPair keyPair, boolean create,
			LogOptions options, AppendListener listener, ScheduledExecutorService timer) throws IOException {
		LogFiles files = LogFiles.open(options.io(), dir, key, create);
		try {
			LogRecovery.Result state = LogRecovery.recover(key, scheme, dir, files.data(), files.index(), files.tree(),
					options);
			SignedLog log = new SignedLog(dir, key, scheme, files, keyPair, options, listener, state, timer);
			if (keyPair != null) {
				log.lossyCut = LossyCut.open(dir, log.id, state, files.data(), options.io());
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
		return this.scheme.manifest() == null && !this.covered;
	}

	/** Whether this database holds the writer's secret key. */
	public boolean writable() {
		return this.keyPair != null;
	}

	/** Entries held, all written and signed (not those a {@link #flush()} would commit). */
	public long length() {
		return this.length;
	}

	Path dir() {
		return this.dir;
	}

	/**
	 * Whether this local log awaits its own entries after a cut that may have lost published ones ({@link LossyCut}):
	 * it refuses appends but {@link #appendVerified stores} verified chunks until it holds {@link #awaitedLength()}.
	 */
	public boolean awaitingOwnEntries() {
		return this.lossyCut != null && this.lossyCut.awaiting(this.length);
	}

	/** The length a log {@linkplain #awaitingOwnEntries() awaiting its own entries} waits for, else -1. */
	public long awaitedLength() {
		return this.lossyCut == null ? -1 : this.lossyCut.awaited();
	}

	/**
	 * A head of this log a peer announced, checked as {@link #checkAnnounced}; if it verifies and the log
	 * {@linkplain #awaitingOwnEntries() awaits its own entries}, it awaits at least that length.
	 */
	public boolean ownHeadAnnounced(long length, long fork, byte[] treeHash, byte[] sig) {
		boolean verifies = checkAnnounced(length, fork, treeHash, sig);
		if (verifies && awaitingOwnEntries()) {
			this.lossyCut.headSeen(length);
		}
		return verifies;
	}

	// ---------------------------------------------------------------- appending

	/**
	 * Appends entries (opaque bytes) as one signed batch, possibly committed together with other threads'
	 * batches. The arrays must not change afterwards: they may wait, queued ({@link DeferredCommits}).
	 * @return the seq of the first entry
	 */
	public long append(List<byte[]> entries) {
		if (this.keyPair == null) {
			throw new IllegalStateException("Log " + this.id + " is replicated from a peer; only its writer can append to it");
		}
		if (entries.isEmpty()) {
			throw new IllegalArgumentException("Nothing to append");
		}
		this.lossyCut.checkAppendsAllowed(this.length);
		Frame.checkEntrySizes(entries);
		return this.commits.append(entries);
	}

	/** Signs, writes and publishes entries from seq {@link #length} in as few frames as fit; holds the lock. */
	void writeFrames(List<byte[]> entries) {
		try {
			this.durability.checkUsable(this.closed);
			this.durability.cutFailedTail(this.dataEnd, this.length);
			for (int from = 0, to; from < entries.size(); from = to) {
				to = FrameWriter.frameEnd(entries, from);
				long start = this.length;
				int frameLength = this.frame.layout(start, entries, from, to, (int) this.merkle.fork());
				MerkleTree work = this.merkle.copy();
				this.frame.hashInto(work, to - from);
				persist(frameLength, start, to - from, this.keyPair.sign(work.signable()), work);
			}
		}
		catch (IOException | RuntimeException ex) {
			throw fail("append", ex);
		}
		catch (Error e) {
			this.durability.tailDirty();
			throw e;
		}
		finally {
			this.durability.maybeWriteRecoveryPoint(false, this.length, this.dataEnd);
		}
	}

	/** Commits {@link DeferredCommits deferred} appends now, if any wait; throws if that fails, naming the seqs. */
	public void flush() {
		this.commits.flush();
	}

	/** Seals and writes the frame laid out in {@link #frame}, then its index entries and tree nodes; publishes. */
	private void persist(int frameLength, long start, int count, byte[] sig, MerkleTree work) throws IOException {
		long end = this.frame.write(this.files, frameLength, sig, start, count, this.dataEnd);
		publish(work, end, sig, start + count);
	}

	/** After the frames of a batch were written: forces them as the policy says, then publishes the new state. */
	private void publish(MerkleTree work, long end, byte[] sig, long newLength) throws IOException {
		this.durability.written();
		this.merkle = work;
		this.dataEnd = end;
		this.signature = sig;
		this.length = newLength;
	}

	// ---------------------------------------------------------------- entries from peers

	/**
	 * Stores entries received from a peer after verifying them: they must continue this log at its current
	 * length, and the writer's {@code signature} must cover the tree they produce. If the peer's roots at
	 * {@code start} differ from ours and its signature verifies over them, the writer has forked. Without
	 * {@code senderRoots}, entries over one frame (up to {@link #MAX_VERIFIED_BYTES}) are stored as a signed group.
	 * A local log takes them only while it {@linkplain #awaitingOwnEntries() awaits its own entries}; each is
	 * forced with a recovery point, and once it holds the awaited length appends resume.
	 * @param senderRoots the peer's Merkle roots at {@code start}, or {@code null} to use ours
	 * @throws RejectedEntriesException if they do not verify (nothing is stored)
	 * @throws ForkException if they prove the writer signed two histories (nothing is stored)
	 */
	public void appendVerified(long start, List<byte[]> entries, long fork, byte[] sig, List<TreeNode> senderRoots) {
		long newLength;
		this.lock.lock();
		try {
			this.durability.checkUsable(this.closed);
			if (this.keyPair != null && !awaitingOwnEntries()) {
				throw new RejectedEntriesException("Log " + this.id + " is our own writable log; a peer cannot add entries to it");
			}
			SignedStateChecks.checkChunk(this, this.merkle.fork(), start, entries, fork, senderRoots == null);
			if (FrameWriter.frameLength(entries) > Frame.MAX_LENGTH) {
				storeGroup(start, entries, sig);
			}
			else {
				storeFrame(start, entries, fork, sig, senderRoots);
			}
			newLength = this.length;
			this.durability.maybeWriteRecoveryPoint(this.keyPair != null, this.length, this.dataEnd);
			if (this.keyPair != null && this.durability.durableLength() == newLength) {
				this.lossyCut.stored(newLength);
			}
		}
		catch (IOException ex) {
			throw fail("resume appends", ex);
		}
		finally {
			this.lock.unlock();
		}
		this.listener.appended(this, newLength);
	}

	/** Verifies and stores entries that fit one frame. Holds the lock. */
	private void storeFrame(long start, List<byte[]> entries, long fork, byte[] sig, List<TreeNode> senderRoots) {
		int frameLength = this.frame.layout(start, entries, 0, entries.size(), (int) this.merkle.fork());
		MerkleTree work = SignedStateChecks.verifiedFrame(this, this.merkle, this.frame, start, entries.size(), fork,
				sig, senderRoots);
		try {
			this.durability.cutFailedTail(this.dataEnd, this.length);
			persist(frameLength, start, entries.size(), sig.clone(), work);
		}
		catch (IOException | RuntimeException ex) {
			throw fail("store verified entries", ex);
		}
	}

	/** Verifies entries over one frame and stores them as a signed group (docs/format.md). Holds the lock. */
	private void storeGroup(long start, List<byte[]> entries, byte[] sig) {
		MerkleTree work = SignedStateChecks.verifiedGroup(this, this.merkle, start, entries, sig);
		try {
			this.durability.cutFailedTail(this.dataEnd, this.length);
			long end = this.frame.writeGroup(this.files, this.merkle.copy(), start, entries, sig.clone(), this.dataEnd);
			this.covered = true;
			publish(work, end, sig.clone(), start + entries.size());
		}
		catch (IOException | RuntimeException ex) {
			throw fail("store verified entries", ex);
		}
	}

	// ---------------------------------------------------------------- reading (EntryReader)

	/**
	 * The entry at {@code seq}, verified against its leaf hash if it was on disk when the log was opened.
	 * @throws IndexOutOfBoundsException if {@code seq} is not below {@link #length()}
	 * @throws CorruptLogException if the bytes do not match the tree
	 */
	public byte[] read(long seq) {
		return this.reader.read(seq);
	}

	/**
	 * Reads up to {@code maxCount} entries from {@code from} (at least one if any exist, else at most
	 * {@code maxBytes} of entry data) into {@code batch}, verified against their leaf hashes.
	 */
	public EntryBatch read(long from, int maxCount, int maxBytes, EntryBatch batch) {
		return this.reader.read(from, maxCount, maxBytes, batch);
	}

	/**
	 * Reads whole signed frames from {@code from} (at least one, else up to {@code maxBytes} of entries) with
	 * the writer's signature of the tree at their end, for sending to a peer. {@code from} need not be a frame
	 * start: the signature covers the tree at the end, whatever prefix the peer already holds.
	 */
	public EntryBatch readChunk(long from, int maxBytes, EntryBatch batch) {
		return this.reader.readChunk(from, maxBytes, batch);
	}

	/**
	 * Verifies the whole log: re-hashes every entry, rebuilds the tree and compares every node with the tree
	 * file, and verifies the writer's last signature. Reads everything: for tests and scrubbing, not for
	 * the open path.
	 * @throws CorruptLogException at the first mismatch
	 */
	public void verify() {
		this.reader.verify(head(), this.scheme, this.dataEnd);
	}

	// ---------------------------------------------------------------- signed state
	/** The latest signed state of the log, after a {@link #flush()} (if that fails, the state written). */
	public LogHead head() {
		this.commits.tryFlush();
		this.lock.lock();
		try {
			return new LogHead(this.length, this.merkle.fork(), this.merkle.treeHash(),
					this.signature == null ? null : this.signature.clone());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The Merkle roots of the tree at {@code length} (at most the current length). */
	public List<TreeNode> rootsAt(long length) {
		return this.reader.rootsAt(length);
	}

	/**
	 * The stored tree node at flat-tree {@code index}, for proofs served to hypercore peers; the node must lie
	 * within the current length (every leaf under it held).
	 * @throws IndexOutOfBoundsException if it does not
	 */
	public TreeNode treeNode(long index) {
		return this.reader.treeNode(index);
	}

	/**
	 * Checks a signed state a peer announced: whether the signature verifies, and whether it agrees with our
	 * copy where they overlap.
	 * @return {@code true} if it verifies and agrees; {@code false} if the signature does not verify
	 * @throws ForkException if it verifies but describes a different tree at a length we hold
	 */
	public boolean checkAnnounced(long length, long fork, byte[] treeHash, byte[] sig) {
		return SignedStateChecks.checkAnnounced(this, this.scheme, length, fork, treeHash, sig);
	}

	// ---------------------------------------------------------------- durability (LogDurability)

	/** Periodic work: forces data for {@link FsyncPolicy#INTERVAL}, writes a due recovery point. */
	void maintain() {
		if (this.closed || !this.lock.tryLock()) {
			return;
		}
		try {
			if (!this.closed) {
				this.durability.maintain(this.length, this.dataEnd);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Why this log takes no more writes (corruption, not a passing I/O error), or {@code null} while usable. */
	public KappaException failure() {
		return this.durability.failure();
	}

	private KappaException fail(String action, Exception ex) {
		return this.durability.fail(action, ex, this.dataEnd, this.length);
	}

	/** Forces everything, writes a final recovery point (so the next open has nothing to replay) and closes. */
	@Override
	public void close() throws IOException {
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			KappaException lost = this.commits.close();
			this.durability.maybeWriteRecoveryPoint(true, this.length, this.dataEnd);
			this.closed = true;
			this.files.close();
			if (lost != null) {
				throw lost;
			}
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
