package dev.kappa.core;

import java.time.Duration;

/**
 * A snapshot of one view's progress.
 *
 * @param name the view's name
 * @param version the view's declared version
 * @param state what it is doing
 * @param processed entries processed so far (over all logs)
 * @param total entries present in all logs when the snapshot was taken
 * @param lastError the failure that stopped the view, or that was last skipped; {@code null} if none
 * @param entriesPerSecond the recent indexing rate (0 when idle)
 * @param eta the estimated time until {@code processed} reaches {@code total} at that rate, or
 * {@code null} if unknown (idle, paused or failed)
 */
public record ViewStatus(String name, int version, State state, long processed, long total, String lastError,
		double entriesPerSecond, Duration eta) {

	/** What a view is doing. */
	public enum State {
		/** Its tables are being dropped and all logs replayed into it after a version or shape change. */
		REBUILDING,
		/** Processing entries it has not seen yet. */
		INDEXING,
		/** Has processed every entry present. */
		READY,
		/** Paused by {@link Kappa#pause(String)}. */
		PAUSED,
		/** A handler failed with {@code kappa.views.on-error=stop}; see {@link ViewStatus#lastError()}. */
		FAILED,
		/** The database is closed. */
		CLOSED
	}
}
