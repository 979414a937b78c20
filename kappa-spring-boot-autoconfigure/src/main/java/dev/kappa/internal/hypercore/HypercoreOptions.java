package dev.kappa.internal.hypercore;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.kappa.core.LogKey;

/**
 * How a node speaks hypercore: the port to serve on ({@code null}: no server; 0: any free port), the address to
 * bind, the local logs to expose (names, {@code *} for all), the peers to dial ({@code tcp://host:port}) and
 * the cores to follow (compat or manifest), and the connection timings.
 *
 * @param keepAlive idle time after which an empty record is sent (Node uses 5 s)
 * @param idleTimeout time without any bytes from the peer after which the connection is closed
 * @param reconnectDelay first delay before dialling a lost peer again (doubles up to a minute)
 */
public record HypercoreOptions(Integer port, String bindAddress, List<String> expose, List<URI> peers,
		List<LogKey> follow, Duration handshakeTimeout, Duration keepAlive, Duration idleTimeout, Duration reconnectDelay) {

	public HypercoreOptions {
		expose = List.copyOf(expose);
		follow = List.copyOf(follow);
		peers = List.copyOf(peers);
		peers.forEach(HypercoreOptions::checkPeer);
		if (port != null && (port < 0 || port > 65535)) {
			throw new IllegalArgumentException("A hypercore port is 0 to 65535, got " + port);
		}
	}

	/** Off: no server, no peers, nothing exposed. */
	public static HypercoreOptions defaults() {
		return new HypercoreOptions(null, "0.0.0.0", List.of(), List.of(), List.of(), Duration.ofSeconds(10), Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofMillis(500));
	}

	public HypercoreOptions withPort(Integer port) {
		return new HypercoreOptions(port, this.bindAddress, this.expose, this.peers, this.follow, this.handshakeTimeout,
				this.keepAlive, this.idleTimeout, this.reconnectDelay);
	}

	public HypercoreOptions withBindAddress(String bindAddress) {
		return new HypercoreOptions(this.port, bindAddress, this.expose, this.peers, this.follow, this.handshakeTimeout,
				this.keepAlive, this.idleTimeout, this.reconnectDelay);
	}

	public HypercoreOptions withExpose(List<String> expose) {
		return new HypercoreOptions(this.port, this.bindAddress, expose, this.peers, this.follow, this.handshakeTimeout,
				this.keepAlive, this.idleTimeout, this.reconnectDelay);
	}

	public HypercoreOptions withPeers(List<URI> peers) {
		return new HypercoreOptions(this.port, this.bindAddress, this.expose, peers, this.follow, this.handshakeTimeout,
				this.keepAlive, this.idleTimeout, this.reconnectDelay);
	}

	public HypercoreOptions withTimeouts(Duration handshakeTimeout, Duration keepAlive, Duration idleTimeout) {
		return new HypercoreOptions(this.port, this.bindAddress, this.expose, this.peers, this.follow, handshakeTimeout, keepAlive,
				idleTimeout, this.reconnectDelay);
	}

	public HypercoreOptions withFollow(List<LogKey> follow) {
		return new HypercoreOptions(this.port, this.bindAddress, this.expose, this.peers, follow, this.handshakeTimeout,
				this.keepAlive, this.idleTimeout, this.reconnectDelay);
	}

	/**
	 * @throws IllegalArgumentException naming the address and the expected form
	 */
	static URI checkPeer(URI uri) {
		if (uri == null || !"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
			throw new IllegalArgumentException("A hypercore peer is tcp://host:port, got '" + uri + "'");
		}
		return uri;
	}
}
