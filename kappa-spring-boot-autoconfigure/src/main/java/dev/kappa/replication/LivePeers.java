package dev.kappa.replication;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live session open with each configured peer: dials it, and whenever the session ends or the dial
 * fails, dials again after an exponential backoff with jitter (half the delay fixed, half random), from
 * {@code reconnectMin} doubling up to {@code reconnectMax}; a session that synced resets the backoff.
 */
final class LivePeers {

	private static final Logger logger = LoggerFactory.getLogger(LivePeers.class);

	private final Node node;

	private final BiConsumer<URI, Session> connect;

	private final List<Peer> peers;

	private volatile boolean stopped;

	private final class Peer {

		final URI uri;

		int failures;

		ScheduledFuture<?> pending;

		Peer(URI uri) {
			this.uri = uri;
		}
	}

	/** @param connect connects a session (as initiator) to a URI */
	LivePeers(Node node, List<URI> uris, BiConsumer<URI, Session> connect) {
		this.node = node;
		this.peers = uris.stream().map(Peer::new).toList();
		this.connect = connect;
	}

	void start() {
		this.peers.forEach(this::dial);
	}

	private void dial(Peer peer) {
		if (this.stopped) {
			return;
		}
		Session session = new Session(this.node, true, true);
		session.synced().thenRun(() -> {
			synchronized (peer) {
				peer.failures = 0;
			}
		});
		session.result().whenComplete((result, error) -> redial(peer, error));
		this.connect.accept(peer.uri, session);
	}

	private void redial(Peer peer, Throwable error) {
		if (this.stopped) {
			return;
		}
		long delay;
		synchronized (peer) {
			long min = this.node.options.reconnectMin().toMillis();
			long max = this.node.options.reconnectMax().toMillis();
			long base = Math.min(max, min << Math.min(20, peer.failures));
			delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
			peer.failures++;
			if (error != null && peer.failures == 1) {
				logger.warn("Live replication with {} is down ({}); redialling with backoff, first in {} ms", peer.uri,
						Session.describe(error), delay);
			}
			else {
				logger.debug("Redialling {} in {} ms", peer.uri, delay);
			}
			peer.pending = this.node.timer.schedule(() -> dial(peer), delay, TimeUnit.MILLISECONDS);
		}
	}

	void stop() {
		this.stopped = true;
		for (Peer peer : this.peers) {
			synchronized (peer) {
				if (peer.pending != null) {
					peer.pending.cancel(false);
				}
			}
		}
	}
}
