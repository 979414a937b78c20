package dev.kappa.internal.indexer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.KappaException;
import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.core.ViewStatus;
import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.schema.RowCodec;
import dev.kappa.view.ViewErrorPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one view: a thread that sleeps until entries arrive (no polling), then indexes them in batches of
 * {@link ViewOptions#batchSize()} across all logs, in per-log order, and completes {@code ready()} waiters.
 */
final class ViewRunner {

	private static final Logger logger = LoggerFactory.getLogger(ViewRunner.class);

	/**
	 * Unprocessed entries at start from which the secondary (not unique) indexes of the view's tables are built
	 * once the backlog is processed, not kept up row by row while it is: one sort instead of an index update per
	 * row (H2 inserts about 1.5 times faster without the index; see docs/benchmarks.md).
	 */
	static final long DEFERRED_INDEX_BACKLOG = 100_000;

	private final ViewDeclaration view;

	private final DataSource dataSource;

	private final LogStore store;

	private final EntryCodec entryCodec;

	private final Map<Class<?>, RowCodec<?>> codecs;

	private final ViewOptions options;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wake = this.lock.newCondition();

	private final Checkpoints checkpoints = new Checkpoints();

	private final Progress progress;

	// Guarded by lock.
	private boolean work = true;

	private boolean paused;

	private boolean closed;

	private Object bean;

	private Thread thread;

	private volatile String failure;

	private volatile String lastError;

	private volatile boolean rebuilding;

	/** Whether the secondary indexes are still to be made sure of (built after the backlog). */
	private volatile boolean indexesPending;

	private final long deferredIndexBacklog;

	private final ViewSchema.Prepared prepared;

	private final KappaMonitor monitor;

	/** Where this view's reads ahead run (shared by the views of a database), or null. */
	private final Executor readAhead;

	private final DeadLetters deadLetters;

	/** The entry that stopped the view, while it is FAILED on one. */
	private volatile IndexingBatch.Failure stoppedAt;

	/** Work asked for by other threads, run on the view's thread between batches. */
	private final ViewRequests requests;

	ViewRunner(ViewSchema.Prepared prepared, DataSource dataSource, LogStore store, EntryCodec entryCodec,
			ViewOptions options, KappaMonitor monitor, long deferredIndexBacklog, Executor readAhead) {
		this.readAhead = readAhead;
		this.deferredIndexBacklog = deferredIndexBacklog;
		this.monitor = monitor;
		this.deadLetters = new DeadLetters(prepared.view().name(), dataSource, store);
		this.requests = new ViewRequests(new Requested(), this.deadLetters);
		this.view = prepared.view();
		this.prepared = prepared;
		this.dataSource = dataSource;
		this.store = store;
		this.entryCodec = entryCodec;
		this.codecs = BufferedViewTables.codecs(prepared.tables(), entryCodec.json());
		this.options = options;
		this.rebuilding = prepared.rebuilding();
		this.progress = new Progress(this.view.name());
	}

	String name() {
		return this.view.name();
	}

	ViewDeclaration declaration() {
		return this.view;
	}

	/** Binds the view bean and starts the thread, from the checkpoints stored in the view database. */
	void start(Object bean, boolean afterUncleanShutdown) {
		ViewStart begin = ViewStart.of(this.prepared, this.dataSource, this.store, afterUncleanShutdown);
		this.rebuilding = begin.rebuilding();
		this.checkpoints.load(begin.checkpoints());
		ViewStartReport.log(this.view, begin.rebuildReason(), status());
		this.indexesPending = true;
		if (this.checkpoints.backlog(this.store, Map.of()) < this.deferredIndexBacklog) {
			createSecondaryIndexes();
		}
		this.lock.lock();
		try {
			this.bean = bean;
			this.progress.start();
			this.thread = new Thread(this::loop, "kappa-view-" + this.view.name());
			this.thread.setDaemon(true);
			this.thread.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Makes sure the secondary indexes exist, once per start. */
	private void createSecondaryIndexes() {
		if (this.indexesPending) {
			SecondaryIndexes.create(this.dataSource, this.view.name(), this.prepared.tables());
			this.indexesPending = false;
		}
	}

	/** Runs {@code action} holding the lock that guards the view's state. */
	private void locked(Runnable action) {
		this.lock.lock();
		try {
			action.run();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** New entries or logs may be there. */
	void signal() {
		locked(() -> {
			this.work = true;
			this.wake.signal();
		});
	}

	void pause() {
		locked(() -> this.paused = true);
	}

	/** Resumes a paused view, or retries a failed one from the entry that failed. */
	void resume() {
		locked(() -> {
			this.paused = false;
			this.failure = null;
			this.stoppedAt = null;
			this.work = true;
			this.wake.signal();
		});
	}

	/** The entries this view skipped, in log order. */
	List<DeadLetter> deadLetters() {
		return this.deadLetters.list();
	}

	/** Retries the dead letters in log order; completes with those that still fail. */
	CompletableFuture<List<DeadLetter>> retry() {
		return this.requests.retry();
	}

	/** Skips the entry that stopped the view (recording it as a dead letter) and resumes the view. */
	CompletableFuture<DeadLetter> skip() {
		return this.requests.skip();
	}

	/**
	 * Drops the view's tables and replays every log into it, while the application runs.
	 * @return completes once the view has processed, again, every entry present at the call
	 */
	CompletableFuture<Void> rebuild() {
		return this.requests.rebuild(this.prepared, this.dataSource, Checkpoints.lengths(this.store));
	}

	// ------------------------------------------------------------------ what requests need (view thread)

	private final class Requested implements ViewRequests.View {

		@Override
		public String name() {
			return ViewRunner.this.view.name();
		}

		@Override
		public void wakeForRequests() {
			signal();
		}

		@Override
		public IndexingBatch.Failure stoppedAt() {
			return ViewRunner.this.failure == null ? null : ViewRunner.this.stoppedAt;
		}

		@Override
		public void skipped(IndexingBatch.Failure at) {
			committed(Map.of(at.log(), at.seq() + 1));
			resume();
		}

		@Override
		public void restarted(Map<LogKey, Long> targets, CompletableFuture<Void> done) {
			ViewRunner.this.restarted(targets, done);
		}
	}

	private void restarted(Map<LogKey, Long> targets, CompletableFuture<Void> done) {
		locked(() -> {
			this.checkpoints.clear();
			this.rebuilding = true;
			this.indexesPending = true; // the tables were made anew: their secondary indexes come after the replay
			this.progress.start();
			this.failure = null;
			this.stoppedAt = null;
			this.lastError = null;
			this.work = true;
			this.checkpoints.await(targets, done);
		});
	}

	/** Completes when every log has been processed up to {@code targets}. */
	CompletableFuture<Void> ready(Map<LogKey, Long> targets) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		this.lock.lock();
		try {
			if (this.closed) {
				future.completeExceptionally(new KappaException("View '" + this.view.name() + "' is closed"));
			}
			else if (this.failure != null && !this.checkpoints.reached(targets)) {
				future.completeExceptionally(new KappaException(this.failure));
			}
			else {
				this.checkpoints.await(targets, future);
			}
		}
		finally {
			this.lock.unlock();
		}
		return future;
	}

	ViewStatus status() {
		long total = 0;
		long processed = 0;
		for (SignedLog log : this.store.logs()) {
			long length = log.length();
			total += length;
			processed += Math.min(length, this.checkpoints.get(log.key()));
		}
		ViewStatus.State state = this.closed ? ViewStatus.State.CLOSED
				: this.failure != null ? ViewStatus.State.FAILED
				: this.paused ? ViewStatus.State.PAUSED
				: processed >= total ? ViewStatus.State.READY
				: this.rebuilding ? ViewStatus.State.REBUILDING : ViewStatus.State.INDEXING;
		return this.progress.status(this.view.version(), state, processed, total,
				this.failure != null ? this.failure : this.lastError);
	}

	void close() {
		Thread t;
		this.lock.lock();
		try {
			this.closed = true;
			this.wake.signal();
			t = this.thread;
			this.checkpoints.failWaiters(new KappaException("View '" + this.view.name() + "' is closed"));
		}
		finally {
			this.lock.unlock();
		}
		if (t != null) {
			try {
				t.join(TimeUnit.SECONDS.toMillis(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.requests.closed();
	}

	// ------------------------------------------------------------------ the thread

	private void loop() {
		IndexingBatch batch = new IndexingBatch(this.view, this.bean, this.dataSource, this.codecs, this.entryCodec,
				this.readAhead);
		try {
			loop(batch);
		}
		finally {
			batch.close();
		}
	}

	private void loop(IndexingBatch batch) {
		while (awaitWork()) {
			if (this.requests.runAll(batch)) {
				continue;
			}
			List<IndexingBatch.Slice> plan = this.checkpoints.plan(this.store, this.options.batchSize());
			if (plan.isEmpty()) {
				batch.idle();
				caughtUp();
				continue;
			}
			locked(() -> this.work = true); // there may be more after this batch
			KappaMonitor.Operation op = this.monitor.indexBatch(this.view.name(), IndexingBatch.Slice.size(plan));
			try {
				IndexingBatch.Outcome outcome = batch.run(plan);
				op.end(outcome.failure() == null ? null : outcome.failure().cause());
				committed(outcome.committed());
				if (outcome.failure() != null) {
					handle(batch, outcome.failure());
				}
			}
			catch (SQLException | RuntimeException ex) {
				fail("View '" + this.view.name() + "' failed to write a batch: " + ex, ex);
			}
			catch (Error error) {
				fail("View '" + this.view.name() + "' stopped on " + error, error);
				if (error instanceof VirtualMachineError) {
					throw error;
				}
			}
		}
	}

	/** Waits until there may be work (or a task) and the view may do it; false when closed. */
	private boolean awaitWork() {
		this.lock.lock();
		try {
			while (!this.closed && this.requests.isEmpty() && (!this.work || this.paused || this.failure != null)) {
				this.wake.awaitUninterruptibly();
			}
			if (this.requests.isEmpty()) {
				this.work = false;
			}
			return !this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void committed(Map<LogKey, Long> next) {
		if (next.isEmpty()) {
			return;
		}
		// Reported before the checkpoints advance, which completes ready() waiters: whoever ready() wakes sees the
		// entries counted, and finds the secondary indexes built.
		this.monitor.indexed(this.view.name(), this.checkpoints.count(next));
		if (this.indexesPending && this.checkpoints.backlog(this.store, next) == 0) {
			createSecondaryIndexes();
		}
		long done = this.checkpoints.advance(next);
		this.progress.add(done, this::status, this.rebuilding);
	}

	private void caughtUp() {
		try {
			createSecondaryIndexes();
		}
		catch (KappaException ex) {
			fail(ex.getMessage(), ex);
			return;
		}
		if (this.rebuilding) {
			this.rebuilding = false;
			ViewStatus status = status();
			this.progress.finished(status);
			this.monitor.viewRebuilt(this.view.name(), status.processed(),
					this.progress.elapsed());
		}
	}

	private void handle(IndexingBatch batch, IndexingBatch.Failure failure) throws SQLException {
		String message = failure.seq() < 0 ? "View '" + this.view.name() + "' failed to write a batch: " + failure.cause()
				: failure.describe(this.view.name());
		if (this.options.onError() == ViewErrorPolicy.SKIP && failure.seq() >= 0) {
			batch.skip(failure);
			this.lastError = message;
			logger.error("{}; skipped it (kappa.views.on-error=skip) and recorded it in kappa_view_errors", message,
					failure.cause());
			committed(Map.of(failure.log(), failure.seq() + 1));
			signal();
			return;
		}
		this.stoppedAt = failure.seq() >= 0 ? failure : null;
		fail(message, failure.cause());
	}

	private void fail(String message, Throwable cause) {
		logger.error("{}; the view is stopped (kappa.views.on-error=stop) and will retry this entry after a restart or resume",
				message, cause);
		locked(() -> {
			this.failure = message;
			this.lastError = message;
			this.checkpoints.failWaiters(new KappaException(message, cause));
		});
	}
}
