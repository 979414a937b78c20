package dev.kappa.internal.replication;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import dev.kappa.core.PeerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live session open with each configured peer: dials it, and whenever the session ends or the dial
 * fails, dials again after an exponential backoff with jitter (half the delay fixed, half random), from
 * {@code reconnectMin} doubling up to {@code reconnectMax}; a session that synced resets the backoff. A peer
 * that cannot be reached at all (refused, unreachable: cheap to try) is retried at least every
 * {@link #UNREACHABLE_MAX}, so a peer that comes back is reconnected within about a second.
 */
final class LivePeers {

	private static final Logger logger = LoggerFactory.getLogger(LivePeers.class);

	private final Node node;

	private final BiConsumer<URI, Session> connect;

	private final List<Peer> peers;

	/** The longest wait before redialling a peer whose connection attempts fail. */
	static final Duration UNREACHABLE_MAX = Duration.ofSeconds(1);

	private volatile boolean stopped;

	private final class Peer {

		final URI uri;

		int failures;

		ScheduledFuture<?> pending;

		volatile Session session;

		volatile Instant nextAttempt;

		volatile PeerStatus last;

		Peer(URI uri) {
			this.uri = uri;
		}

		PeerStatus status() {
			Session s = this.session;
			Instant next = this.nextAttempt;
			if (s != null && !s.state().ended()) {
				return s.status(this.uri.toString(), true);
			}
			PeerStatus l = this.last;
			PeerStatus.State state = next != null ? PeerStatus.State.BACKING_OFF : PeerStatus.State.CONNECTING;
			return l == null ? new PeerStatus(this.uri.toString(), true, state, next, 0, 0, 0, 0, 0, null, null)
					: new PeerStatus(l.address(), true, state, next, l.entriesAnnounced(), l.entriesReceived(),
							l.entriesSent(), l.bytesReceived(), l.bytesSent(), l.lastSynced(), l.lastError());
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
		peer.nextAttempt = null;
		peer.session = session;
		session.synced().thenRun(() -> {
			synchronized (peer) {
				peer.failures = 0;
			}
		});
		session.result().whenComplete((result, error) -> redial(peer, error));
		this.connect.accept(peer.uri, session);
	}

	private void redial(Peer peer, Throwable error) {
		Session ended = peer.session;
		if (ended != null) {
			PeerStatus s = ended.status(peer.uri.toString(), true);
			PeerStatus l = peer.last;
			peer.last = s.lastSynced() != null || l == null ? s : new PeerStatus(s.address(), true, s.state(), null,
					s.entriesAnnounced(), s.entriesReceived(), s.entriesSent(), s.bytesReceived(), s.bytesSent(),
					l.lastSynced(), s.lastError());
		}
		if (this.stopped) {
			return;
		}
		boolean unreachable = ended != null && !ended.connected();
		long delay;
		synchronized (peer) {
			long min = this.node.options.reconnectMin().toMillis();
			long max = this.node.options.reconnectMax().toMillis();
			if (unreachable) {
				max = Math.min(max, UNREACHABLE_MAX.toMillis());
			}
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
			peer.nextAttempt = Instant.now().plusMillis(delay);
			peer.pending = this.node.timer.schedule(() -> dial(peer), delay, TimeUnit.MILLISECONDS);
		}
	}

	/** The status of each configured peer, in configuration order. */
	List<PeerStatus> statuses() {
		return this.peers.stream().map(Peer::status).toList();
	}

	/** Whether {@code session} is one of the live sessions kept here. */
	boolean owns(Session session) {
		return this.peers.stream().anyMatch(p -> p.session == session);
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
