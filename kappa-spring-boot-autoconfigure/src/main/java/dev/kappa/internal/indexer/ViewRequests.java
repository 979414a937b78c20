package dev.kappa.internal.indexer;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other threads ask of one view (retry its dead letters, skip the entry it stopped on, rebuild it), queued
 * and run on the view's own thread between batches, each completing its future.
 */
final class ViewRequests {

	private static final Logger logger = LoggerFactory.getLogger(ViewRequests.class);

	/** The view a request works on, as its runner offers it (on the view's thread). */
	interface View {

		String name();

		/** Wakes the view's thread to run the requests. */
		void wakeForRequests();

		/** The entry the view is stopped on, or {@code null} if it is not stopped on one. */
		IndexingBatch.Failure stoppedAt();

		/** The entry it was stopped on is now a dead letter: move past it and go on. */
		void skipped(IndexingBatch.Failure at);

		/** Its tables were dropped: start over from no checkpoints; {@code done} completes at {@code targets}. */
		void restarted(Map<LogKey, Long> targets, CompletableFuture<Void> done);
	}

	@FunctionalInterface
	private interface Request {

		void run(IndexingBatch batch) throws SQLException;
	}

	private final View view;

	private final DeadLetters deadLetters;

	private record Pending(Request request, CompletableFuture<?> done) {
	}

	private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

	ViewRequests(View view, DeadLetters deadLetters) {
		this.view = view;
		this.deadLetters = deadLetters;
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	CompletableFuture<List<DeadLetter>> retry() {
		CompletableFuture<List<DeadLetter>> done = new CompletableFuture<>();
		submit(done, batch -> done.complete(this.deadLetters.retry(batch)));
		return done;
	}

	CompletableFuture<DeadLetter> skip() {
		CompletableFuture<DeadLetter> done = new CompletableFuture<>();
		submit(done, batch -> {
			IndexingBatch.Failure at = this.view.stoppedAt();
			if (at == null) {
				throw new IllegalStateException("View '" + this.view.name()
						+ "' is not stopped on an entry; only a view that failed on an entry can skip it");
			}
			batch.skip(at);
			logger.warn("View '{}' skipped entry {} of log {} on request; it is now a dead letter", this.view.name(),
					at.seq(), at.log());
			this.view.skipped(at);
			done.complete(this.deadLetters.list().stream()
				.filter(d -> d.log().equals(at.log()) && d.seq() == at.seq())
				.findFirst()
				.orElseThrow(() -> new KappaException("The dead letter of entry " + at.seq() + " of log " + at.log()
						+ " was not recorded")));
		});
		return done;
	}

	CompletableFuture<Void> rebuild(ViewSchema.Prepared prepared, javax.sql.DataSource dataSource,
			Map<LogKey, Long> targets) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		submit(done, batch -> {
			logger.info("View '{}': rebuilding on request; dropping its tables and replaying all logs", this.view.name());
			ViewSchema.rebuildNow(dataSource, prepared);
			batch.tablesRecreated();
			this.view.restarted(targets, done);
		});
		return done;
	}

	private void submit(CompletableFuture<?> done, Request request) {
		this.queue.add(new Pending(request, done));
		this.view.wakeForRequests();
	}

	/** Runs the requests queued so far (on the view's thread); true if there were any. */
	boolean runAll(IndexingBatch batch) {
		boolean ran = false;
		for (Pending p = this.queue.poll(); p != null; p = this.queue.poll()) {
			ran = true;
			try {
				p.request().run(batch);
			}
			catch (SQLException | RuntimeException ex) {
				p.done().completeExceptionally(ex);
			}
		}
		return ran;
	}

	/** Fails what is still queued: the view closed. */
	void closed() {
		for (Pending p = this.queue.poll(); p != null; p = this.queue.poll()) {
			p.done().completeExceptionally(new KappaException("View '" + this.view.name() + "' is closed"));
		}
	}
}
