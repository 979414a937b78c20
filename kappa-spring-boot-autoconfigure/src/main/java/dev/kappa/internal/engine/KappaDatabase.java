package dev.kappa.internal.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.Kappa;
import dev.kappa.core.KappaException;
import dev.kappa.core.KappaReplication;
import dev.kappa.core.KappaViews;
import dev.kappa.core.LogKey;
import dev.kappa.core.LogReader;
import dev.kappa.core.LogWriter;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ReplicationResult;
import dev.kappa.core.ViewStatus;

/**
 * The {@link Kappa} implementation: logs from the {@link KappaEngine}, views from a {@link Views} and
 * replication from a {@link Replication}, each optional. The parts are given to the constructor (in a Spring
 * application each is a bean of its own); the database never changes them afterwards.
 * <p>
 * Internal: applications inject {@link Kappa}.
 */
public final class KappaDatabase implements Kappa {

	/** The view side, as the database needs it: {@link KappaViews}, closable. */
	public interface Views extends KappaViews, AutoCloseable {

		@Override
		void close();
	}

	/** The replication side, as the database needs it: {@link KappaReplication}, its fork reports and origins. */
	public interface Replication extends KappaReplication, AutoCloseable {

		List<java.nio.file.Path> forkReports();

		Optional<String> origin(LogKey log);

		@Override
		void close();
	}

	private final KappaEngine engine;

	private final Views views;

	private final Replication replication;

	/**
	 * @param engine the logs
	 * @param views the views, or {@code null} for a database without views
	 * @param replication replication, or {@code null} for a database that does not replicate
	 */
	public KappaDatabase(KappaEngine engine, Views views, Replication replication) {
		this.engine = java.util.Objects.requireNonNull(engine, "engine");
		this.views = views;
		this.replication = replication;
	}

	public KappaEngine engine() {
		return this.engine;
	}

	/** The view engine, or {@code null}. */
	public Views views() {
		return this.views;
	}

	/** Replication, or {@code null}. */
	public Replication replication() {
		return this.replication;
	}

	@Override
	public LogWriter writer(String name) {
		return this.engine.writer(name);
	}

	@Override
	public Optional<LogReader> log(LogKey key) {
		return this.engine.log(key);
	}

	@Override
	public List<LogReader> logs() {
		return this.engine.logs();
	}

	/** Once the views hold every entry whose append returned (deferred appends are committed first). */
	@Override
	public CompletableFuture<Void> ready(String... views) {
		try {
			this.engine.store().flush();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Views v = this.views;
		if (v == null) {
			return views.length == 0 ? CompletableFuture.completedFuture(null)
					: CompletableFuture.failedFuture(noView(views[0]));
		}
		return v.ready(views);
	}

	@Override
	public void pause(String view) {
		views(view).pause(view);
	}

	@Override
	public void resume(String view) {
		views(view).resume(view);
	}

	@Override
	public ViewStatus status(String view) {
		return views(view).status(view);
	}

	@Override
	public List<ViewStatus> statuses() {
		Views v = this.views;
		return v == null ? List.of() : v.statuses();
	}

	@Override
	public CompletableFuture<Void> rebuild(String view) {
		return views(view).rebuild(view);
	}

	@Override
	public List<DeadLetter> deadLetters(String view) {
		return views(view).deadLetters(view);
	}

	@Override
	public CompletableFuture<List<DeadLetter>> retry(String view) {
		return views(view).retry(view);
	}

	@Override
	public CompletableFuture<DeadLetter> skip(String view) {
		return views(view).skip(view);
	}

	@Override
	public List<PeerStatus> peers() {
		Replication r = this.replication;
		return r == null ? List.of() : r.peers();
	}

	/** The peer a replica was first received from since this node started; empty if unknown or local. */
	public Optional<String> origin(LogKey log) {
		Replication r = this.replication;
		return r == null ? Optional.empty() : r.origin(log);
	}

	/** The fork reports kept under the storage dir, oldest first; empty without replication. */
	public List<java.nio.file.Path> forkReports() {
		Replication r = this.replication;
		return r == null ? List.of() : r.forkReports();
	}

	private Views views(String view) {
		Views v = this.views;
		if (v == null) {
			throw noView(view);
		}
		return v;
	}

	private static IllegalArgumentException noView(String view) {
		return new IllegalArgumentException("No view named '" + view + "': this database has no views");
	}

	@Override
	public CompletableFuture<ReplicationResult> replicate(URI peer) {
		return requireReplication().replicate(peer);
	}

	@Override
	public CompletableFuture<ReplicationResult> replicate(boolean initiator, InputStream in, OutputStream out) {
		return requireReplication().replicate(initiator, in, out);
	}

	private Replication requireReplication() {
		Replication r = this.replication;
		if (r == null) {
			throw new KappaException("Replication is not available in this database");
		}
		return r;
	}

	/** Stops replication, then the views, then closes the logs. */
	@Override
	public void close() {
		try {
			Replication r = this.replication;
			if (r != null) {
				r.close();
			}
		}
		finally {
			try {
				Views v = this.views;
				if (v != null) {
					v.close();
				}
			}
			finally {
				this.engine.close();
			}
		}
	}
}
