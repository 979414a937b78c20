package dev.kappa.internal.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.kappa.core.KappaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deferred commits of a local log whose policy does not force before an append returns ({@link FsyncPolicy#NEVER},
 * {@link FsyncPolicy#INTERVAL}) and whose linger is positive: an append queues its entries with their seqs assigned
 * and returns; what is queued is signed and written as one frame (one signature for many appends) by whichever
 * comes first: the linger timer (started when the queue goes non-empty), an append finding the queue full (it
 * commits before queueing, so appenders feel the backpressure), or a read of the log that must see every entry
 * acknowledged ({@link SignedLog#flush()}). See docs/properties.md, {@code kappa.log.linger}.
 * <p>
 * Failures: a commit that meets an I/O error that may pass keeps its entries queued at their seqs (a seq returned is
 * never given to another entry) and retries them on the timer, at the next append and at each flush; until a retry
 * succeeds every append and flush throws the error naming the seqs waiting. A failure that cannot pass fails the
 * log ({@link LogDurability}): the queued entries are lost, and flush throws an error naming them.
 */
final class DeferredCommits implements Commits {

	private static final Logger logger = LoggerFactory.getLogger(DeferredCommits.class);

	/** Most entries queued before an append commits them itself. */
	static final int MAX_ENTRIES = 4096;

	/** Most bytes of entries queued before an append commits them itself. */
	static final long MAX_BYTES = Frame.MAX_LENGTH / 4;

	/** How soon a commit that failed with an error that may pass is retried by the timer. */
	static final long RETRY_MILLIS = 100;

	private final SignedLog log;

	private final String id;

	private final ReentrantLock lock;

	private final AppendListener listener;

	private final LogDurability durability;

	private final long lingerNanos;

	private final ScheduledExecutorService timer;

	// Guarded by this.
	private List<byte[]> queued = new ArrayList<>();

	private long queuedBytes;

	/** The seq the next queued entry gets: the log's length plus what is queued. */
	private long next;

	private ScheduledFuture<?> task;

	private boolean closed;

	/** The last commit's failure while its entries wait for a retry; {@code null} once one succeeds. */
	private KappaException failed;

	/** Entries were lost to a failure that cannot pass (or a close that could not write them). */
	private volatile KappaException lost;

	private volatile boolean pending;

	/**
	 * @param lock the log's commit lock
	 * @param listener told of each commit's new length
	 * @param durability the log's, telling whether it failed for good
	 * @param length the log's length
	 * @param timer runs the linger and retry timers
	 */
	DeferredCommits(SignedLog log, ReentrantLock lock, AppendListener listener, LogDurability durability, long length,
			Duration linger, ScheduledExecutorService timer) {
		this.log = log;
		this.id = log.key().toString();
		this.lock = lock;
		this.listener = listener;
		this.durability = durability;
		this.next = length;
		this.lingerNanos = linger.toNanos();
		this.timer = timer;
	}

	/**
	 * Queues {@code entries}, first committing what is queued if the queue is full or waits for a retry.
	 * @return the seq of the first entry
	 * @throws KappaException if the log is closed or failed, or a commit this append had to make failed (nothing
	 * queued)
	 */
	@Override
	public long append(List<byte[]> entries) {
		long bytes = bytes(entries);
		while (true) {
			synchronized (this) {
				this.durability.checkUsable(this.closed);
				if (this.lost != null) {
					throw this.lost;
				}
				if (this.failed == null
						&& (this.queued.isEmpty() || (this.queued.size() < MAX_ENTRIES && this.queuedBytes < MAX_BYTES))) {
					long first = this.next;
					this.next += entries.size();
					this.queued.addAll(entries);
					this.queuedBytes += bytes;
					this.pending = true;
					if (this.task == null) {
						schedule(this.lingerNanos);
					}
					return first;
				}
			}
			flush();
		}
	}

	/**
	 * Commits what is queued, if anything, under the commit lock, and tells the listener.
	 * @throws KappaException if the commit failed, naming the seqs
	 */
	@Override
	public void flush() {
		if (!this.pending) {
			KappaException gone = this.lost;
			if (gone != null) {
				throw gone;
			}
			return;
		}
		long before = this.log.length();
		this.lock.lock();
		try {
			commit();
		}
		finally {
			this.lock.unlock();
			long after = this.log.length();
			if (after != before) {
				this.listener.appended(this.log, after);
			}
		}
	}

	/**
	 * Commits everything queued (the caller holds the log's commit lock, so the log's length is the first queued
	 * seq). On a failure that may pass the entries stay queued; on one that cannot they are dropped.
	 * @throws KappaException if the commit failed, naming the seqs
	 */
	private void commit() {
		List<byte[]> batch;
		long start;
		synchronized (this) {
			if (this.lost != null) {
				throw this.lost;
			}
			if (this.queued.isEmpty()) {
				this.failed = null;
				this.pending = false;
				return;
			}
			batch = this.queued;
			start = this.next - batch.size();
			this.queued = new ArrayList<>();
			this.queuedBytes = 0;
		}
		try {
			if (start != this.log.length()) {
				throw new IllegalStateException("Log " + this.id + ": queued entries start at seq " + start + ", not at "
						+ this.log.length());
			}
			this.log.writeFrames(batch);
		}
		catch (RuntimeException ex) {
			throw failedCommit(batch, start, ex);
		}
		catch (Error error) {
			failedCommit(batch, start, error); // never swallowed: the entries stay queued, the error goes on
			throw error;
		}
		synchronized (this) {
			this.failed = null;
			this.pending = !this.queued.isEmpty();
		}
	}

	/** After a failed commit of {@code batch} (from seq {@code start}): requeues what was not written, or drops it. */
	private KappaException failedCommit(List<byte[]> batch, long start, Throwable ex) {
		int written = (int) (this.log.length() - start);
		List<byte[]> rest = batch.subList(written, batch.size());
		long from = start + written;
		String seqs = "the entries at seqs " + from + ".." + (from + rest.size() - 1) + " (appends that returned)";
		synchronized (this) {
			if (this.durability.failure() == null) {
				List<byte[]> requeued = new ArrayList<>(rest);
				requeued.addAll(this.queued);
				this.queued = requeued;
				this.queuedBytes = bytes(requeued);
				this.failed = new KappaException("Log " + this.id + " could not write " + seqs + ": " + ex.getMessage()
						+ "; they stay queued at their seqs and are retried (the next append or read retries first)", ex);
				if (this.task == null && !this.closed) {
					schedule(TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS));
				}
				return this.failed;
			}
			this.lost = new KappaException("Log " + this.id + " lost " + seqs + " and every entry queued after them: "
					+ ex.getMessage(), ex);
			logger.error("{}", this.lost.getMessage());
			this.queued = new ArrayList<>();
			this.queuedBytes = 0;
			this.pending = false;
			return this.lost;
		}
	}

	/** {@link #flush()}, but a failure (logged, and thrown to appends and reads) leaves what was written. */
	@Override
	public void tryFlush() {
		try {
			flush();
		}
		catch (KappaException ex) {
			// logged by LogDurability and below; appends and reads meet it
		}
	}

	/** The timer's run: commits what is queued; a failure is logged by the log and retried. */
	private void linger() {
		synchronized (this) {
			this.task = null;
		}
		try {
			flush();
		}
		catch (RuntimeException ex) {
			// Already logged (LogDurability): retried by the timer set by failedCommit, or surfaced to appenders.
		}
		catch (VirtualMachineError error) {
			// The entries stay queued (retried); the error goes where the maintenance thread's errors go.
			Thread t = Thread.currentThread();
			t.getUncaughtExceptionHandler().uncaughtException(t, error);
		}
	}

	private void schedule(long nanos) {
		try {
			this.task = this.timer.schedule(this::linger, nanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The store is closing: its close commits what is queued.
		}
	}

	@Override
	public KappaException close() {
		synchronized (this) {
			this.closed = true;
			if (this.task != null) {
				this.task.cancel(false);
			}
		}
		try {
			commit();
			return null;
		}
		catch (KappaException ex) {
			synchronized (this) {
				this.queued = new ArrayList<>();
				this.pending = false;
			}
			return new KappaException("Log " + this.id + " was closed without its queued entries: " + ex.getMessage(), ex);
		}
	}

	private static long bytes(List<byte[]> entries) {
		long bytes = 0;
		for (byte[] entry : entries) {
			bytes += entry.length + 4;
		}
		return bytes;
	}
}
