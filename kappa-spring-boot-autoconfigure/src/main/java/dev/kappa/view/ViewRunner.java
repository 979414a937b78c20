package dev.kappa.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.core.ViewStatus;
import dev.kappa.engine.EntryCodec;
import dev.kappa.log.LogStore;
import dev.kappa.log.SignedLog;
import dev.kappa.schema.RowCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one view: a thread that sleeps until entries arrive (no polling), then indexes them in batches of
 * {@link ViewOptions#batchSize()} across all logs, in per-log order, and completes {@code ready()} waiters.
 */
final class ViewRunner {

	private static final Logger logger = LoggerFactory.getLogger(ViewRunner.class);


	private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);

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

	private final Map<LogKey, Long> checkpoints = new ConcurrentHashMap<>();

	private final List<Waiter> waiters = new ArrayList<>();

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

	private record Waiter(Map<LogKey, Long> targets, CompletableFuture<Void> future) {
	}

	ViewRunner(ViewSchema.Prepared prepared, DataSource dataSource, LogStore store, EntryCodec entryCodec,
			ViewOptions options) {
		this(prepared, dataSource, store, entryCodec, options, DEFERRED_INDEX_BACKLOG);
	}

	ViewRunner(ViewSchema.Prepared prepared, DataSource dataSource, LogStore store, EntryCodec entryCodec,
			ViewOptions options, long deferredIndexBacklog) {
		this.deferredIndexBacklog = deferredIndexBacklog;
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
	void start(Object bean) {
		Map<LogKey, Long> stored = readCheckpoints();
		String ahead = aheadOfLogs(stored);
		if (ahead != null) {
			ViewSchema.rebuildAhead(this.dataSource, this.prepared, ahead);
			this.rebuilding = true;
			stored = readCheckpoints();
		}
		this.checkpoints.putAll(stored);
		this.indexesPending = true;
		if (backlog() < this.deferredIndexBacklog) {
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

	private Map<LogKey, Long> readCheckpoints() {
		try (Connection connection = this.dataSource.getConnection()) {
			return ViewCatalog.checkpoints(connection, this.view.name());
		}
		catch (SQLException ex) {
			throw new KappaException("Cannot read the checkpoints of view '" + this.view.name() + "': " + ex.getMessage(), ex);
		}
	}

	/** Entries of all logs not processed yet. */
	private long backlog() {
		long backlog = 0;
		for (SignedLog log : this.store.logs()) {
			backlog += Math.max(0, log.length() - this.checkpoints.getOrDefault(log.key(), 0L));
		}
		return backlog;
	}

	/** Makes sure the secondary indexes exist, once per start. */
	private void createSecondaryIndexes() {
		if (this.indexesPending) {
			SecondaryIndexes.create(this.dataSource, this.view.name(), this.prepared.tables());
			this.indexesPending = false;
		}
	}

	/** Why the stored checkpoints are ahead of the logs, or {@code null} if they are not. */
	private String aheadOfLogs(Map<LogKey, Long> stored) {
		for (Map.Entry<LogKey, Long> checkpoint : stored.entrySet()) {
			long length = this.store.find(checkpoint.getKey()).map(SignedLog::length).orElse(-1L);
			if (length < 0) {
				return "it processed log " + checkpoint.getKey() + ", which this database no longer holds";
			}
			if (checkpoint.getValue() > length) {
				return "it processed " + checkpoint.getValue() + " entries of log " + checkpoint.getKey()
						+ ", which now holds " + length;
			}
		}
		return null;
	}

	/** New entries or logs may be there. */
	void signal() {
		this.lock.lock();
		try {
			this.work = true;
			this.wake.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	void pause() {
		this.lock.lock();
		try {
			this.paused = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Resumes a paused view, or retries a failed one from the entry that failed. */
	void resume() {
		this.lock.lock();
		try {
			this.paused = false;
			this.failure = null;
			this.work = true;
			this.wake.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Completes when every log has been processed up to {@code targets}. */
	CompletableFuture<Void> ready(Map<LogKey, Long> targets) {
		CompletableFuture<Void> future = new CompletableFuture<>();
		this.lock.lock();
		try {
			if (this.closed) {
				future.completeExceptionally(new KappaException("View '" + this.view.name() + "' is closed"));
			}
			else if (reached(targets)) {
				future.complete(null);
			}
			else if (this.failure != null) {
				future.completeExceptionally(new KappaException(this.failure));
			}
			else {
				this.waiters.add(new Waiter(targets, future));
			}
		}
		finally {
			this.lock.unlock();
		}
		return future;
	}

	private boolean reached(Map<LogKey, Long> targets) {
		for (Map.Entry<LogKey, Long> target : targets.entrySet()) {
			if (this.checkpoints.getOrDefault(target.getKey(), 0L) < target.getValue()) {
				return false;
			}
		}
		return true;
	}

	ViewStatus status() {
		long total = 0;
		long processed = 0;
		for (SignedLog log : this.store.logs()) {
			long length = log.length();
			total += length;
			processed += Math.min(length, this.checkpoints.getOrDefault(log.key(), 0L));
		}
		ViewStatus.State state;
		if (this.closed) {
			state = ViewStatus.State.CLOSED;
		}
		else if (this.failure != null) {
			state = ViewStatus.State.FAILED;
		}
		else if (this.paused) {
			state = ViewStatus.State.PAUSED;
		}
		else if (processed < total) {
			state = this.rebuilding ? ViewStatus.State.REBUILDING : ViewStatus.State.INDEXING;
		}
		else {
			state = ViewStatus.State.READY;
		}
		double rate = state == ViewStatus.State.REBUILDING || state == ViewStatus.State.INDEXING ? this.progress.rate() : 0;
		Duration eta = rate > 0 ? Duration.ofMillis((long) ((total - processed) * 1000 / rate)) : null;
		return new ViewStatus(this.view.name(), this.view.version(), state, processed, total,
				this.failure != null ? this.failure : this.lastError, rate, eta);
	}

	void close() {
		Thread t;
		this.lock.lock();
		try {
			this.closed = true;
			this.wake.signal();
			t = this.thread;
			failWaiters(new KappaException("View '" + this.view.name() + "' is closed"));
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
	}

	// ------------------------------------------------------------------ the thread

	private void loop() {
		IndexingBatch batch = new IndexingBatch(this.view, this.bean, this.dataSource, this.codecs, this.entryCodec);
		while (awaitWork()) {
			List<IndexingBatch.Slice> plan = plan();
			if (plan.isEmpty()) {
				caughtUp();
				continue;
			}
			this.lock.lock();
			try {
				this.work = true; // there may be more after this batch
			}
			finally {
				this.lock.unlock();
			}
			try {
				IndexingBatch.Outcome outcome = batch.run(plan);
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

	/** Waits until there may be work and the view may do it; false when closed. */
	private boolean awaitWork() {
		this.lock.lock();
		try {
			while (!this.closed && (!this.work || this.paused || this.failure != null)) {
				this.wake.awaitUninterruptibly();
			}
			this.work = false;
			return !this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The next batch: consecutive unprocessed entries of each log, up to the batch size in all. */
	private List<IndexingBatch.Slice> plan() {
		List<IndexingBatch.Slice> plan = new ArrayList<>();
		long budget = this.options.batchSize();
		for (SignedLog log : this.store.logs()) {
			long from = this.checkpoints.getOrDefault(log.key(), 0L);
			long to = Math.min(log.length(), from + budget);
			if (to > from) {
				plan.add(new IndexingBatch.Slice(log, from, to));
				budget -= to - from;
				if (budget == 0) {
					break;
				}
			}
		}
		return plan;
	}

	private void committed(Map<LogKey, Long> next) {
		if (next.isEmpty()) {
			return;
		}
		long done = 0;
		for (Map.Entry<LogKey, Long> e : next.entrySet()) {
			done += e.getValue() - this.checkpoints.getOrDefault(e.getKey(), 0L);
		}
		this.checkpoints.putAll(next);
		if (this.indexesPending && backlog() == 0) {
			createSecondaryIndexes(); // before the waiters: ready() then finds the indexes built
		}
		this.progress.add(done, this::status, this.rebuilding);
		this.lock.lock();
		try {
			Iterator<Waiter> it = this.waiters.iterator();
			while (it.hasNext()) {
				Waiter w = it.next();
				if (reached(w.targets())) {
					w.future().complete(null);
					it.remove();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
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
			this.progress.finished(status());
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
		fail(message, failure.cause());
	}

	private void fail(String message, Throwable cause) {
		logger.error("{}; the view is stopped (kappa.views.on-error=stop) and will retry this entry after a restart or resume",
				message, cause);
		this.lock.lock();
		try {
			this.failure = message;
			this.lastError = message;
			failWaiters(new KappaException(message, cause));
		}
		finally {
			this.lock.unlock();
		}
	}

	private void failWaiters(KappaException error) {
		for (Waiter w : this.waiters) {
			w.future().completeExceptionally(error);
		}
		this.waiters.clear();
	}
}
