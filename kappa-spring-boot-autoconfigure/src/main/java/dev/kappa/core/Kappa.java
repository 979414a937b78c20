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

	/** The current progress of every view, in the order they were declared. */
	List<ViewStatus> statuses();

	/**
	 * Drops a view's tables and replays every log into it, while the application runs; the view is
	 * {@link ViewStatus.State#REBUILDING} meanwhile. Its dead letters are forgotten (the replay meets them again).
	 * @return completes once the view has processed again every entry present at the call
	 */
	CompletableFuture<Void> rebuild(String view);

	/** The entries a view skipped because a handler threw, in log order (by log key, then seq). */
	List<DeadLetter> deadLetters(String view);

	/**
	 * Feeds each dead letter of a view to its handlers again, in log order, after the cause has been fixed. A
	 * dead letter handled without an error is removed, in the same transaction as the handlers' writes.
	 * @return completes with the dead letters that still fail
	 */
	CompletableFuture<List<DeadLetter>> retry(String view);

	/**
	 * Skips the entry that stopped a {@link ViewStatus.State#FAILED} view (with {@code kappa.views.on-error=stop}),
	 * keeps it as a dead letter for a later {@link #retry(String)}, and lets the view go on.
	 * @return completes with the new dead letter; fails if the view is not stopped on an entry
	 */
	CompletableFuture<DeadLetter> skip(String view);

	/** Replication status and progress with each peer: the configured peers, then the peers connected to us. */
	List<PeerStatus> peers();

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
