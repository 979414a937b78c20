package dev.kappa.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a kappa database reports about its own work, for metrics, tracing and events. Every method has a
 * do-nothing default, so an implementation overrides only what it needs. The Spring Boot integration builds
 * its Micrometer meters, Observations and application events on it; an application may add its own as beans.
 * <p>
 * Methods are called on the database's own threads (appending, indexing, replication): they must be quick
 * and thread-safe. An exception thrown by a monitor is logged and otherwise ignored.
 */
public interface KappaMonitor {

	/** Which way entries or bytes went. */
	enum Direction {
		RECEIVED, SENT
	}

	/** An operation that has begun; {@link #end(Throwable)} is called exactly once. */
	interface Operation {

		/** An operation nobody watches. */
		Operation NONE = error -> {
		};

		/** @param error what made the operation fail, {@code null} if it succeeded */
		void end(Throwable error);
	}

	/** A local append of {@code entries} entries (one signed batch) begins. */
	default Operation append(LogKey log, int entries) {
		return Operation.NONE;
	}

	/** An indexing transaction of {@code view} over up to {@code entries} entries begins. */
	default Operation indexBatch(String view, long entries) {
		return Operation.NONE;
	}

	/** {@code view} committed {@code entries} more entries. */
	default void indexed(String view, long entries) {
	}

	/** {@code view} finished replaying every log after its tables were dropped. */
	default void viewRebuilt(String view, long entries, Duration took) {
	}

	/** A log was created: a local one, or a replica of a peer's log. */
	default void logAdded(LogKey log, boolean writable) {
	}

	/**
	 * A replication session begins (its transport is connected).
	 * @param inbound whether the peer connected to this node
	 */
	default Operation session(String peer, boolean inbound) {
		return Operation.NONE;
	}

	/** Entries (verified and stored, or sent) and wire bytes exchanged with a peer. */
	default void transferred(Direction direction, long entries, long bytes) {
	}

	/**
	 * A replication session or connection attempt ended in failure.
	 * @param reason a low-cardinality reason: {@code unreachable}, {@code handshake}, {@code timeout},
	 * {@code protocol}, {@code fork}, {@code peer-error}, {@code closed} or {@code local}
	 */
	default void sessionRejected(String peer, String reason) {
	}

	/** A session with a peer finished its initial sync: both sides hold what the other announced. */
	default void peerSynced(PeerStatus peer, Duration took) {
	}

	/** A writer signed two different histories of {@code log}; the evidence is kept in {@code evidence}. */
	default void forkDetected(LogKey log, String peer, Path evidence) {
	}
}
