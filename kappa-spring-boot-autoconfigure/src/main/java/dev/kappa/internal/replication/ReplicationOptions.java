package dev.kappa.internal.replication;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Replicator} replicates: where its server listens, which peers it keeps live sessions with, the
 * network key, and the limits every session enforces.
 * <p>
 * Internal: the auto-configuration builds it from {@code kappa.replication.*}; start from
 * {@link #defaults(Path, NetworkKey)} and use the {@code with...} methods.
 *
 * @param storageDir the database's storage directory: the node key ({@code replication/node.key}) and fork
 * evidence ({@code forks/}) live under it
 * @param networkKey the pre-shared key; only nodes holding the same key replicate
 * @param bindAddress the server's address ({@code 0.0.0.0} for all interfaces)
 * @param port the server's port, 0 for any free one, {@code null} for no server
 * @param websocketPath the HTTP path of the WebSocket endpoint, e.g. {@code /kappa/replicate}
 * @param peers {@code tcp://host:port} or {@code ws://host:port/path}: dialled and kept in live sessions
 * @param maxMessageBytes the largest application message accepted (a signed chunk plus its header)
 * @param chunkBytes how many bytes of entries a sender puts in one chunk (whole signed frames, at least one)
 * @param windowBytes chunk bytes a receiver lets its peer have in flight, per session
 * @param maxLogsPerSession how many distinct logs a peer may announce in one session
 * @param handshakeTimeout how long a connection may take to complete the Noise handshake
 * @param idleTimeout a session receiving nothing (not even a keep-alive) for this long is closed as stalled
 * @param reconnectMin the first delay before redialling a live peer
 * @param reconnectMax the cap of the exponential backoff
 * @param maxConnections connections the server holds at once; more are closed as soon as they are accepted
 * @param maxConnectionsPerAddress connections the server holds at once from one remote address
 * @param maxLogs logs this node holds in all; a peer's log beyond it is not replicated (WARN)
 */
public record ReplicationOptions(Path storageDir, NetworkKey networkKey, String bindAddress, Integer port,
		String websocketPath, List<URI> peers, int maxMessageBytes, int chunkBytes, int windowBytes,
		int maxLogsPerSession, Duration handshakeTimeout, Duration idleTimeout, Duration reconnectMin,
		Duration reconnectMax, int maxConnections, int maxConnectionsPerAddress, int maxLogs) {

	/** The largest signed chunk a log holds (a batch frame). */
	static final int MAX_CHUNK = 4 << 20;

	public static final String DEFAULT_WEBSOCKET_PATH = "/kappa/replicate";

	public ReplicationOptions {
		Objects.requireNonNull(storageDir, "storageDir");
		Objects.requireNonNull(networkKey, "networkKey");
		bindAddress = bindAddress == null ? "0.0.0.0" : bindAddress;
		websocketPath = websocketPath == null ? DEFAULT_WEBSOCKET_PATH : websocketPath;
		if (!websocketPath.startsWith("/")) {
			throw new IllegalArgumentException("The WebSocket path must start with '/', got '" + websocketPath + "'");
		}
		if (port != null && (port < 0 || port > 65535)) {
			throw new IllegalArgumentException("The replication port must be 0 to 65535, got " + port);
		}
		peers = List.copyOf(peers == null ? List.of() : peers);
		peers.forEach(Dialer::check);
		if (maxMessageBytes < MAX_CHUNK + 64 * 1024) {
			throw new IllegalArgumentException("maxMessageBytes must be at least " + (MAX_CHUNK + 64 * 1024)
					+ " (a 4 MiB signed chunk and its header), got " + maxMessageBytes);
		}
		if (chunkBytes < 1024 || chunkBytes > MAX_CHUNK - 64 * 1024) {
			throw new IllegalArgumentException("chunkBytes must be 1 KiB to " + (MAX_CHUNK - 64 * 1024) + ", got " + chunkBytes);
		}
		if (windowBytes < 64 * 1024) {
			throw new IllegalArgumentException("windowBytes must be at least 64 KiB, got " + windowBytes);
		}
		if (maxLogsPerSession < 1) {
			throw new IllegalArgumentException("maxLogsPerSession must be positive, got " + maxLogsPerSession);
		}
		if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxLogs < 1) {
			throw new IllegalArgumentException("maxConnections, maxConnectionsPerAddress and maxLogs must be positive, got "
					+ maxConnections + ", " + maxConnectionsPerAddress + " and " + maxLogs);
		}
		positive(handshakeTimeout, "handshakeTimeout");
		positive(idleTimeout, "idleTimeout");
		positive(reconnectMin, "reconnectMin");
		positive(reconnectMax, "reconnectMax");
	}

	private static void positive(Duration d, String name) {
		if (d == null || d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, got " + d);
		}
	}

	/**
	 * No server, no peers, default limits: 1 MiB chunks, an 8 MiB window, 1,000 logs per session and in all,
	 * 10 s / 60 s timeouts, 256 connections of which 32 from one address (a node keeps serving under a 1,024
	 * descriptor limit).
	 */
	public static ReplicationOptions defaults(Path storageDir, NetworkKey networkKey) {
		return new ReplicationOptions(storageDir, networkKey, "0.0.0.0", null, DEFAULT_WEBSOCKET_PATH, List.of(),
				MAX_CHUNK + 64 * 1024, 1 << 20, 8 << 20, 1_000, Duration.ofSeconds(10), Duration.ofSeconds(60),
				Duration.ofMillis(500), Duration.ofSeconds(30), 256, 32, 1_000);
	}

	public ReplicationOptions withServer(String bindAddress, Integer port, String websocketPath) {
		return new ReplicationOptions(this.storageDir, this.networkKey, bindAddress, port, websocketPath, this.peers,
				this.maxMessageBytes, this.chunkBytes, this.windowBytes, this.maxLogsPerSession, this.handshakeTimeout,
				this.idleTimeout, this.reconnectMin, this.reconnectMax, this.maxConnections,
				this.maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withPeers(List<URI> peers) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, peers, this.maxMessageBytes, this.chunkBytes, this.windowBytes,
				this.maxLogsPerSession, this.handshakeTimeout, this.idleTimeout, this.reconnectMin, this.reconnectMax, this.maxConnections,
				this.maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withLimits(int maxMessageBytes, int chunkBytes, int windowBytes, int maxLogsPerSession) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, this.peers, maxMessageBytes, chunkBytes, windowBytes, maxLogsPerSession,
				this.handshakeTimeout, this.idleTimeout, this.reconnectMin, this.reconnectMax, this.maxConnections,
				this.maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withTimeouts(Duration handshakeTimeout, Duration idleTimeout) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, this.peers, this.maxMessageBytes, this.chunkBytes, this.windowBytes,
				this.maxLogsPerSession, handshakeTimeout, idleTimeout, this.reconnectMin, this.reconnectMax, this.maxConnections,
				this.maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withReconnect(Duration min, Duration max) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, this.peers, this.maxMessageBytes, this.chunkBytes, this.windowBytes,
				this.maxLogsPerSession, this.handshakeTimeout, this.idleTimeout, min, max, this.maxConnections,
				this.maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withConnectionCaps(int maxConnections, int maxConnectionsPerAddress) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, this.peers, this.maxMessageBytes, this.chunkBytes, this.windowBytes,
				this.maxLogsPerSession, this.handshakeTimeout, this.idleTimeout, this.reconnectMin, this.reconnectMax,
				maxConnections, maxConnectionsPerAddress, this.maxLogs);
	}

	public ReplicationOptions withMaxLogs(int maxLogs) {
		return new ReplicationOptions(this.storageDir, this.networkKey, this.bindAddress, this.port,
				this.websocketPath, this.peers, this.maxMessageBytes, this.chunkBytes, this.windowBytes,
				this.maxLogsPerSession, this.handshakeTimeout, this.idleTimeout, this.reconnectMin, this.reconnectMax,
				this.maxConnections, this.maxConnectionsPerAddress, maxLogs);
	}
}
