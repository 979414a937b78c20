package dev.kappa.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A kappa database: signed append-only logs, the only source of truth, and SQL views derived from them.
 * This is the bean applications inject.
 */
public interface Kappa extends AutoCloseable {

	/**
	 * The local log called {@code name}; its key pair is generated and stored on first use.
	 * @param name a name of letters, digits, '-', '_' or '.'
	 */
	LogWriter writer(String name);

	/** Any log held, local or replicated. */
	Optional<LogReader> log(LogKey key);

	/** All logs held, local and replicated, in key order. */
	List<LogReader> logs();

	/**
	 * Completes when the named views (all views if none are named) have processed every entry present in
	 * every log at the time of the call. Completes exceptionally if one of them fails or is unknown.
	 */
	CompletableFuture<Void> ready(String... views);

	/** Stops feeding entries to a view until {@link #resume(String)}. */
	void pause(String view);

	/** Resumes a paused view, or retries a failed one from the entry that failed. */
	void resume(String view);

	/** The current progress of a view. */
	ViewStatus status(String view);

	/**
	 * Replicates once with a peer ({@code tcp://host:port} or {@code ws://host:port/path}): both sides end up
	 * holding every log and entry either held at the start.
	 */
	CompletableFuture<ReplicationResult> replicate(URI peer);

	/**
	 * Replicates once over any byte stream (a pipe, a serial line, a file pair). Exactly one side of a stream
	 * is the initiator.
	 */
	CompletableFuture<ReplicationResult> replicate(boolean initiator, InputStream in, OutputStream out);

	/** Stops indexing and replication and closes all files. */
	@Override
	void close();
}
