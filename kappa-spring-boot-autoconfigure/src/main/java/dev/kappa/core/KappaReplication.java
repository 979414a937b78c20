package dev.kappa.core;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Replication of a kappa database with its peers. Part of {@link Kappa}. */
public interface KappaReplication {

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
}
