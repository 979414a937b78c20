package dev.kappa.internal.indexer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.LogKey;
import dev.kappa.core.ViewStatus;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.view.ViewDefinitionException;

/**
 * All views of a database: a {@link ViewRunner} per view, woken by every append (local or replicated) and
 * every new log.
 * <p>
 * Internal: the auto-configuration creates it once the view tables are prepared ({@link ViewSchema}) and
 * starts it with the view beans.
 */
public final class ViewEngine implements KappaDatabase.Views, LogStore.Listener {

	private final KappaEngine engine;

	private final DataSource dataSource;

	private final Map<String, ViewRunner> runners = new LinkedHashMap<>();

	/** The read-ahead threads of every view ({@link ReadAhead}). */
	private final ExecutorService readAhead = ReadAheadThreads.executor();

	private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

	public ViewEngine(KappaEngine engine, DataSource dataSource, Collection<ViewSchema.Prepared> views,
			ViewOptions options) {
		this(engine, dataSource, views, options, ViewRunner.DEFERRED_INDEX_BACKLOG);
	}

	/** With the backlog from which secondary indexes are built after it ({@link SecondaryIndexes}), for tests. */
	ViewEngine(KappaEngine engine, DataSource dataSource, Collection<ViewSchema.Prepared> views, ViewOptions options,
			long deferredIndexBacklog) {
		this.engine = engine;
		this.dataSource = dataSource;
		for (ViewSchema.Prepared view : views) {
			this.runners.put(view.view().name(), new ViewRunner(view, dataSource, engine.store(), engine.codec(),
					options, engine.monitor(), deferredIndexBacklog, this.readAhead));
		}
		engine.store().addListener(this);
	}

	/**
	 * Starts every view with its bean.
	 * @param beans the view beans by view name
	 * @throws ViewDefinitionException if a declared view has no bean
	 */
	public void start(Map<String, Object> beans) {
		for (ViewRunner runner : this.runners.values()) {
			Object bean = beans.get(runner.name());
			if (bean == null || !runner.declaration().type().isInstance(bean)) {
				throw new ViewDefinitionException(runner.declaration().type(), "no bean of this class is registered for view '"
						+ runner.name() + "'");
			}
		}
		boolean unclean = !this.runners.isEmpty() && UncleanShutdown.begin(this.dataSource);
		for (ViewRunner runner : this.runners.values()) {
			runner.start(beans.get(runner.name()), unclean);
		}
	}

	public Collection<String> names() {
		return List.copyOf(this.runners.keySet());
	}

	@Override
	public void appended(SignedLog log, long newLength) {
		for (ViewRunner runner : this.runners.values()) {
			runner.signal();
		}
	}

	@Override
	public void logAdded(SignedLog log) {
		appended(log, log.length());
	}

	@Override
	public CompletableFuture<Void> ready(String... views) {
		Map<LogKey, Long> targets = Checkpoints.lengths(this.engine.store());
		List<ViewRunner> selected = new ArrayList<>();
		if (views.length == 0) {
			selected.addAll(this.runners.values());
		}
		else {
			for (String name : views) {
				ViewRunner runner = this.runners.get(name);
				if (runner == null) {
					return CompletableFuture.failedFuture(unknown(name));
				}
				selected.add(runner);
			}
		}
		return CompletableFuture.allOf(selected.stream().map(r -> r.ready(targets)).toArray(CompletableFuture[]::new));
	}

	@Override
	public void pause(String view) {
		runner(view).pause();
	}

	@Override
	public void resume(String view) {
		runner(view).resume();
	}

	@Override
	public ViewStatus status(String view) {
		return runner(view).status();
	}

	@Override
	public List<ViewStatus> statuses() {
		return this.runners.values().stream().map(ViewRunner::status).toList();
	}

	@Override
	public CompletableFuture<Void> rebuild(String view) {
		return runner(view).rebuild();
	}

	@Override
	public List<DeadLetter> deadLetters(String view) {
		return runner(view).deadLetters();
	}

	@Override
	public CompletableFuture<List<DeadLetter>> retry(String view) {
		return runner(view).retry();
	}

	@Override
	public CompletableFuture<DeadLetter> skip(String view) {
		return runner(view).skip();
	}

	private ViewRunner runner(String view) {
		ViewRunner runner = this.runners.get(view);
		if (runner == null) {
			throw unknown(view);
		}
		return runner;
	}

	private IllegalArgumentException unknown(String view) {
		return new IllegalArgumentException("No view named '" + view + "'; views: " + this.runners.keySet());
	}

	@Override
	public void close() {
		if (this.closed.getAndSet(true)) {
			return;
		}
		this.engine.store().removeListener(this);
		for (ViewRunner runner : this.runners.values()) {
			runner.close();
		}
		ReadAheadThreads.shutdown(this.readAhead);
		if (!this.runners.isEmpty()) {
			UncleanShutdown.end(this.dataSource);
		}
	}
}
