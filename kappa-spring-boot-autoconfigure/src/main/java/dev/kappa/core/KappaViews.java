package dev.kappa.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The views of a kappa database: waiting for them, their progress, and the operations on one view. Part of
 * {@link Kappa}; a view is named by its {@code @KappaView} name.
 */
public interface KappaViews {

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
}
