package dev.kappa.internal.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.SignedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replication session with one peer over any {@link Transport}: the handshake, the encrypted channel,
 * timers, inbound flow control and the session's end; the exchange of logs itself is the {@link Exchange}'s.
 * Everything runs on the session's own {@link SerialExecutor}, never on the transport's threads. A session ends
 * in one of three ways: a one-shot exchange finishes (the result completes), the node stops or the peer goes
 * away, or something is wrong, which closes the session with one WARN line naming the peer and the reason.
 */
final class Session implements SecureChannel.Receiver, Exchange.Link, Transport.Listener {

	static final Logger logger = LoggerFactory.getLogger(Session.class);

	private enum Phase {
		NEW, HANDSHAKE, OPEN, CLOSED
	}

	final Node node;

	final SerialExecutor exec;

	private final boolean initiator;

	private final boolean wantLive;

	private final CompletableFuture<ReplicationResult> result = new CompletableFuture<>();

	private final CompletableFuture<Void> synced = new CompletableFuture<>();

	private final AtomicLong inboundBytes = new AtomicLong();

	private final AtomicBoolean readingPaused = new AtomicBoolean();

	private final long inboundBudget;

	private final Set<LogKey> changed = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean changeScheduled = new AtomicBoolean();

	/** Starts small: nothing larger than a few KiB is allocated for a peer before it is authenticated. */
	private final Output out = new Output(256);

	private volatile Transport transport;

	private volatile String peer = "unknown peer";

	private SecureChannel channel;

	private Exchange exchange;

	private Phase phase = Phase.NEW;

	private volatile long lastReceived;

	private long lastSent;

	private long startedAt;

	private ScheduledFuture<?> ticker;

	private final SessionState state;

	/**
	 * @param initiator whether this side starts the handshake (the side that connected)
	 * @param wantLive whether this side offers a live session; it is live only if both sides offer it
	 */
	Session(Node node, boolean initiator, boolean wantLive) {
		this.node = node;
		this.initiator = initiator;
		this.wantLive = wantLive;
		this.exec = new SerialExecutor(node.pool);
		this.inboundBudget = (long) node.options.windowBytes() + 2L * node.options.maxMessageBytes();
		this.state = new SessionState(node.monitor, !initiator);
	}

	SessionState state() {
		return this.state;
	}

	/** This session's peer status under {@code address}. */
	PeerStatus status(String address, boolean dialled) {
		Exchange x = this.exchange;
		return this.state.status(address, dialled, x == null ? 0 : x.entriesAnnounced(), resultNow());
	}

	/** Completes when the session ends: normally after a one-shot exchange or a clean stop, else exceptionally. */
	CompletableFuture<ReplicationResult> result() {
		return this.result;
	}

	/** Completes once both sides hold everything the other announced at the start (in live mode too). */
	CompletableFuture<Void> synced() {
		return this.synced;
	}

	@Override
	public String peer() {
		return this.peer;
	}

	/** Whether the connection was ever made (a session that never started has no transport). */
	boolean connected() {
		return this.transport != null;
	}

	@Override
	public boolean canSend() {
		return this.transport.isWritable();
	}

	// ------------------------------------------------------------------ calls from the transport

	/** The connection is up: starts the handshake. Called before the transport delivers any bytes. */
	@Override
	public void start(Transport t) {
		this.transport = t;
		this.peer = t.peer();
		this.exec.execute(() -> run(() -> {
			if (this.phase != Phase.NEW) {
				t.close();
				return;
			}
			this.phase = Phase.HANDSHAKE;
			this.startedAt = System.nanoTime();
			this.lastReceived = this.startedAt;
			this.lastSent = this.startedAt;
			this.node.add(this);
			this.state.started(this.peer);
			long period = Math.max(50, Math.min(this.node.options.idleTimeout().toMillis() / 4,
					this.node.options.handshakeTimeout().toMillis() / 2));
			this.ticker = this.node.timer.scheduleWithFixedDelay(() -> this.exec.execute(() -> run(this::tick)),
					period, period, TimeUnit.MILLISECONDS);
			this.channel = new SecureChannel(this.initiator, this.node.staticKey(), this.node.networkKey(),
					this.node.options.maxMessageBytes(), this::send, this);
			this.channel.start();
		}));
	}

	/** The connection could not be made; the session never started. */
	@Override
	public void connectFailed(String peer, Throwable cause) {
		this.exec.execute(() -> {
			if (this.phase != Phase.NEW) {
				return;
			}
			this.phase = Phase.CLOSED;
			this.peer = peer;
			ReplicationException error = new ReplicationException("Cannot replicate with " + peer + ": "
					+ describe(cause), cause);
			this.state.ended(resultNow(), error.getMessage(), "unreachable");
			this.synced.completeExceptionally(error);
			this.result.completeExceptionally(error);
		});
	}

	/** Bytes from the peer; called on the transport's thread, handed to the session's executor. */
	@Override
	public void received(byte[] bytes) {
		this.lastReceived = System.nanoTime();
		this.node.monitor.transferred(KappaMonitor.Direction.RECEIVED, 0, bytes.length);
		if (this.inboundBytes.addAndGet(bytes.length) > this.inboundBudget && this.readingPaused.compareAndSet(false, true)) {
			this.transport.setReading(false);
		}
		this.exec.execute(() -> {
			long left = this.inboundBytes.addAndGet(-bytes.length);
			run(() -> {
				if (this.phase == Phase.HANDSHAKE || this.phase == Phase.OPEN) {
					this.channel.receive(bytes, 0, bytes.length);
				}
			});
			if (left < this.inboundBudget / 2 && this.readingPaused.compareAndSet(true, false) && this.phase != Phase.CLOSED) {
				this.transport.setReading(true);
			}
		});
	}

	/** The transport drained below its low-water mark. */
	@Override
	public void writable() {
		this.exec.execute(() -> run(() -> {
			if (this.phase == Phase.OPEN) {
				this.exchange.pump();
			}
		}));
	}

	/** The connection closed ({@code cause} null for an orderly end of stream). */
	@Override
	public void closed(Throwable cause) {
		this.exec.execute(() -> {
			if (this.phase == Phase.CLOSED) {
				return;
			}
			String how = cause == null ? "the peer closed the connection" : "the connection failed (" + describe(cause) + ")";
			if (this.phase == Phase.NEW || this.phase == Phase.HANDSHAKE) {
				fail(how + " during the handshake (a different network key or not a kappa node?)", null, "handshake");
			}
			else if (!this.exchange.helloReceived()) {
				fail(how + " right after the handshake (probably a different network key)", null, "handshake");
			}
			else if (this.exchange.live() && cause == null) {
				end(null);
			}
			else {
				fail(how + " before the exchange finished", null, "closed");
			}
		});
	}

	// ------------------------------------------------------------------ calls from the node

	/** New entries in {@code log}: announce them (live) and resume sending them to a subscribed peer. */
	void logChanged(SignedLog log) {
		this.changed.add(log.key());
		if (this.changeScheduled.compareAndSet(false, true)) {
			this.exec.execute(() -> {
				this.changeScheduled.set(false);
				run(() -> {
					if (this.phase == Phase.OPEN) {
						List<LogKey> keys = new ArrayList<>(this.changed);
						this.changed.removeAll(keys);
						this.exchange.changed(keys);
					}
				});
			});
		}
	}

	/** Ends the session because this node stops. */
	void shutdown() {
		this.exec.execute(() -> {
			if (this.phase == Phase.CLOSED) {
				return;
			}
			if (this.exchange != null && this.exchange.live()) {
				end(null);
			}
			else {
				this.phase = Phase.CLOSED;
				cleanUp();
				this.state.ended(resultNow(), "this node is stopping", "local");
				this.result.completeExceptionally(new ReplicationException("Replication with " + this.peer
						+ " stopped before the exchange finished: this node is stopping"));
			}
		});
	}

	// ------------------------------------------------------------------ channel events

	@Override
	public void handshakeComplete() {
		this.phase = Phase.OPEN;
		this.transport.authenticated();
		this.state.connected();
		this.exchange = new Exchange(this.node, this, this.out, this.wantLive);
		this.exchange.open();
	}

	@Override
	public void message(byte[] buf, int offset, int length) {
		if (this.phase == Phase.OPEN) {
			this.exchange.message(buf, offset, length);
		}
	}

	// ------------------------------------------------------------------ used by the exchange

	@Override
	public void flush() {
		if (this.out.size() > 0 && this.phase == Phase.OPEN) {
			this.channel.seal(this.out);
			this.out.trim(64 * 1024);
		}
	}

	private void send(byte[] wire) {
		this.lastSent = System.nanoTime();
		this.node.monitor.transferred(KappaMonitor.Direction.SENT, 0, wire.length);
		this.transport.write(wire);
	}

	@Override
	public void exchangeDone(boolean live) {
		this.state.synced(status(this.peer, this.initiator));
		this.synced.complete(null);
		if (!live) {
			end(null);
		}
	}

	@Override
	public void peerError(String reason) {
		fail("the peer closed the session: " + reason, null, "peer-error");
	}

	// ------------------------------------------------------------------ ending

	/** Runs a step of the session; a protocol violation or a local failure closes the session. */
	private void run(Runnable step) {
		try {
			step.run();
			flush();
		}
		catch (ProtocolException ex) {
			fail("the peer " + ex.getMessage(), "the peer " + ex.getMessage(), "protocol");
		}
		catch (Inbound.ForkDetected ex) {
			fail("the peer holds a second signed history of log " + ex.log + ": its writer signed two different"
					+ " histories (a fork); " + ex.where,
					"log " + ex.log + " has forked: its writer signed two different histories (a fork)", "fork");
		}
		catch (RuntimeException ex) {
			logger.debug("Replication session with {} failed", this.peer, ex);
			fail("local failure: " + describe(ex), "local failure: " + describe(ex), "local");
		}
	}

	void fail(String reason) {
		fail(reason, reason, this.phase == Phase.OPEN ? "protocol" : "handshake");
	}

	/**
	 * Closes the session: one WARN line with {@code reason}, ERROR with {@code toPeer} (if not null).
	 * @param category the low-cardinality reason reported to the monitor
	 */
	private void fail(String reason, String toPeer, String category) {
		if (this.phase == Phase.CLOSED) {
			return;
		}
		boolean open = this.phase == Phase.OPEN;
		this.phase = Phase.CLOSED;
		logger.warn("Replication session with {} closed: {}", this.peer, reason);
		if (open && toPeer != null) {
			try {
				this.out.clear();
				Messages.error(this.out, toPeer);
				this.channel.seal(this.out);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not tell {} why the session closed", this.peer, ex);
			}
		}
		cleanUp();
		ReplicationException error = new ReplicationException("Replication with " + this.peer + " failed: " + reason);
		this.state.ended(resultNow(), reason, category);
		this.synced.completeExceptionally(error);
		this.result.completeExceptionally(error);
	}

	/** A clean end: closes the connection after what is queued and completes the result. */
	private void end(Void unused) {
		if (this.phase == Phase.CLOSED) {
			return;
		}
		flush();
		this.phase = Phase.CLOSED;
		cleanUp();
		ReplicationResult r = resultNow();
		this.state.ended(r, null, null);
		this.synced.completeExceptionally(new ReplicationException("Replication with " + this.peer + " ended"));
		this.result.complete(r);
	}

	private void cleanUp() {
		this.node.remove(this);
		if (this.ticker != null) {
			this.ticker.cancel(false);
		}
		if (this.transport != null) {
			this.transport.close();
		}
	}

	ReplicationResult resultNow() {
		SecureChannel c = this.channel;
		Exchange x = this.exchange;
		return new ReplicationResult(this.peer, x == null ? 0 : x.logsReceived(), x == null ? 0 : x.entriesReceived(),
				x == null ? 0 : x.entriesSent(), c == null ? 0 : c.bytesReceived(), c == null ? 0 : c.bytesSent());
	}

	/** Timeouts and keep-alives. */
	private void tick() {
		long now = System.nanoTime();
		ReplicationOptions o = this.node.options;
		if (this.phase == Phase.HANDSHAKE && now - this.startedAt > o.handshakeTimeout().toNanos()) {
			fail("the peer did not complete the handshake within " + o.handshakeTimeout().toMillis() + " ms", null,
					"timeout");
		}
		else if (this.phase == Phase.OPEN) {
			if (!this.readingPaused.get() && now - this.lastReceived > o.idleTimeout().toNanos()) {
				fail("the peer stalled: nothing received for " + o.idleTimeout().toMillis() + " ms",
						"the peer stalled: nothing received for " + o.idleTimeout().toMillis() + " ms", "timeout");
			}
			else if (now - this.lastSent > o.idleTimeout().toNanos() / 3) {
				this.channel.keepAlive();
			}
		}
	}

	static String describe(Throwable t) {
		String message = t.getMessage();
		return message == null ? t.getClass().getSimpleName() : message;
	}
}
