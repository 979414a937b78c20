package dev.kappa.internal.replication;

import java.time.Duration;
import java.time.Instant;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ReplicationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What can be seen of one session from outside it: its state, when it synced, why it failed; and the INFO lines
 * and {@link KappaMonitor} calls that mark its life (connected, synced, disconnected). Written on the session's
 * executor, read from any thread.
 */
final class SessionState {

	private static final Logger logger = LoggerFactory.getLogger(SessionState.class);

	private final KappaMonitor monitor;

	private final boolean inbound;

	private volatile PeerStatus.State state = PeerStatus.State.CONNECTING;

	private volatile Instant lastSynced;

	private volatile String lastError;

	private volatile boolean ended;

	private String peer = "unknown peer";

	private long startNanos;

	private KappaMonitor.Operation operation = KappaMonitor.Operation.NONE;

	SessionState(KappaMonitor monitor, boolean inbound) {
		this.monitor = monitor;
		this.inbound = inbound;
	}

	boolean inbound() {
		return this.inbound;
	}

	boolean ended() {
		return this.ended;
	}

	String lastError() {
		return this.lastError;
	}

	Instant lastSynced() {
		return this.lastSynced;
	}

	/** The transport is up; the handshake begins. */
	void started(String peer) {
		this.peer = peer;
		this.startNanos = System.nanoTime();
		this.operation = this.monitor.session(peer, this.inbound);
	}

	/** The handshake completed. */
	void connected() {
		this.state = PeerStatus.State.SYNCING;
		logger.info("Replication with {} connected ({})", this.peer, this.inbound ? "inbound" : "outbound");
	}

	/** Both sides hold what the other announced at the start. */
	void synced(PeerStatus status) {
		this.lastSynced = Instant.now();
		this.state = PeerStatus.State.LIVE;
		Duration took = Duration.ofNanos(System.nanoTime() - this.startNanos);
		logger.info("Replication with {} synced: {} entries received, {} sent in {} ms", this.peer,
				status.entriesReceived(), status.entriesSent(), took.toMillis());
		this.monitor.peerSynced(status, took);
	}

	/**
	 * The session ended: cleanly ({@code failure} null) or not.
	 * @param reason a low-cardinality reason for {@link KappaMonitor#sessionRejected}
	 */
	void ended(ReplicationResult result, String failure, String reason) {
		if (this.ended) {
			return;
		}
		this.ended = true;
		this.lastError = failure;
		long seconds = this.startNanos == 0 ? 0 : (System.nanoTime() - this.startNanos) / 1_000_000_000L;
		if (failure == null) {
			logger.info("Replication with {} disconnected after {} s ({} entries received, {} sent)", this.peer,
					seconds, result.entriesReceived(), result.entriesSent());
		}
		else {
			this.monitor.sessionRejected(this.peer, reason);
		}
		this.operation.end(failure == null ? null : new ReplicationException(failure));
	}

	/** The peer's status as this session sees it; {@code address} names it. */
	PeerStatus status(String address, boolean dialled, long announced, ReplicationResult r) {
		return new PeerStatus(address, dialled, this.state, null, announced, r.entriesReceived(), r.entriesSent(),
				r.bytesReceived(), r.bytesSent(), this.lastSynced, this.lastError);
	}
}
