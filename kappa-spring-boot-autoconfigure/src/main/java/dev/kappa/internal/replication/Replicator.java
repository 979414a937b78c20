package dev.kappa.internal.replication;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.engine.Monitors;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.internal.log.LogStore;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication of one database's logs with other nodes (docs/protocol.md): a server for raw TCP and WebSocket
 * on one port, live sessions kept with configured peers, and one-shot exchanges over a URI or any pair of
 * streams. Sessions run on a small pool, never on Netty's event loops, and are told about new entries through
 * a {@link LogStore} listener, so new entries and new logs spread to every live peer.
 * <p>
 * Internal: the auto-configuration creates it, calls {@link #start()} and {@link #stop()}, publishes
 * {@link #port()}, and hands it to the database as its {@link KappaDatabase.Replication} (a bean of its own).
 */
public final class Replicator implements KappaDatabase.Replication {

	private static final Logger logger = LoggerFactory.getLogger(Replicator.class);

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final Node node;

	private final ExecutorService pool;

	private final ScheduledExecutorService timer;

	private final Object lifecycle = new Object();

	private EventLoopGroup group;

	private volatile ReplicationServer server;

	private volatile LivePeers livePeers;

	private volatile int port = -1;

	private boolean closed;

	/**
	 * Prepares replication of {@code store}'s logs; nothing listens or dials before {@link #start()}, while
	 * one-shot {@code replicate} calls work at once. The node key under the storage dir (and a stored network key)
	 * is read or created when replication is first used: {@link #start()} with a server or peers, or a handshake.
	 */
	public Replicator(LogStore store, ReplicationOptions options) {
		this(store, options, Monitors.none());
	}

	/** As {@link #Replicator(LogStore, ReplicationOptions)}, reporting sessions and transfers to {@code monitor}. */
	public Replicator(LogStore store, ReplicationOptions options, KappaMonitor monitor) {
		this.pool = Executors.newCachedThreadPool(r -> daemon(r, "kappa-replication-" + THREADS.incrementAndGet()));
		this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kappa-replication-timer"));
		this.node = new Node(store, new NodeKey(options.storageDir()), options.networkKey(), options, this.pool,
				this.timer, monitor);
		store.addListener(this.node);
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	public ReplicationOptions options() {
		return this.node.options;
	}

	/**
	 * Starts the server (if a port is configured) and the live sessions with the configured peers.
	 * @throws ReplicationException if the port cannot be bound
	 */
	public void start() {
		synchronized (this.lifecycle) {
			checkOpen();
			ReplicationOptions o = this.node.options;
			if (o.port() != null || !o.peers().isEmpty()) {
				// replication is used: make or read the keys now, so a problem with them fails the start
				this.node.staticKey();
				this.node.networkKey();
			}
			if (o.port() != null && this.server == null) {
				ReplicationServer s = new ReplicationServer(this.node);
				this.port = s.bind(group(), o.bindAddress(), o.port());
				this.server = s;
				logger.info("Replication listening on {}:{} (raw TCP, and WebSocket at {})", o.bindAddress(), this.port,
						o.websocketPath());
			}
			if (!o.peers().isEmpty() && this.livePeers == null) {
				this.livePeers = new LivePeers(this.node, o.peers(), this::dialLive);
				this.livePeers.start();
			}
		}
	}

	private void dialLive(URI uri, Session session) {
		synchronized (this.lifecycle) {
			if (this.livePeers == null) {
				session.connectFailed(uri.toString(), new ReplicationException("replication is stopping"));
				return;
			}
			Dialer.connect(group(), this.node, uri, session);
		}
	}

	/** Stops dialling and serving and ends every session (one-shot exchanges in progress fail). */
	public void stop() {
		synchronized (this.lifecycle) {
			if (this.livePeers != null) {
				this.livePeers.stop();
				this.livePeers = null;
			}
			if (this.server != null) {
				this.server.close();
				this.server = null;
				this.port = -1;
			}
			List<CompletableFuture<ReplicationResult>> ending = new ArrayList<>();
			for (Session session : this.node.sessions()) {
				session.shutdown();
				ending.add(session.result());
			}
			try {
				CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Sessions that failed or took long have logged why; stopping goes on.
			}
			if (this.group != null) {
				this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
				this.group = null;
			}
		}
	}

	/** The port the server is bound to, or -1 if it is not running. */
	public int port() {
		return this.port;
	}

	/** Connections the server closed at once because a cap was reached, since it last started (0 without a server). */
	public long refusedConnections() {
		ReplicationServer s = this.server;
		return s == null ? 0 : s.refusedConnections();
	}

	/** The running server, or {@code null} (for tests). */
	ReplicationServer server() {
		return this.server;
	}

	/**
	 * Replication status and progress per peer: each configured peer (also while backing off), then every
	 * other open session (peers that connected to this node, one-shot exchanges).
	 */
	@Override
	public List<PeerStatus> peers() {
		LivePeers live = this.livePeers;
		List<PeerStatus> out = new ArrayList<>(live == null ? List.of() : live.statuses());
		for (Session session : this.node.sessions()) {
			if (live == null || !live.owns(session)) {
				out.add(session.status(session.peer(), !session.state().inbound()));
			}
		}
		return out;
	}

	/** The peer a replica was first received from, if that happened since this node started. */
	@Override
	public java.util.Optional<String> origin(dev.kappa.core.LogKey log) {
		return java.util.Optional.ofNullable(this.node.origins.get(log));
	}

	/** The fork reports kept under the storage dir ({@code forks/*.json}), oldest first; empty if none. */
	@Override
	public List<Path> forkReports() {
		return this.node.forks.reports();
	}

	/** How many sessions are open (live and one-shot). */
	public int sessionCount() {
		return this.node.sessions().size();
	}

	/**
	 * One-shot replication with {@code peer} ({@code tcp://host:port} or {@code ws://host:port/path}): both
	 * sides end up holding every log and entry the other held when the session started. The future fails with
	 * a {@link ReplicationException} naming the peer and the reason.
	 * @throws IllegalArgumentException if {@code peer} is not a {@code tcp://} or {@code ws://} address
	 */
	@Override
	public CompletableFuture<ReplicationResult> replicate(URI peer) {
		Dialer.check(peer);
		Session session = new Session(this.node, true, false);
		synchronized (this.lifecycle) {
			checkOpen();
			Dialer.connect(group(), this.node, peer, session);
		}
		return session.result();
	}

	/**
	 * One-shot replication over a pair of streams to a peer running the same protocol; exactly one side must be
	 * the initiator. Both streams are closed when the session ends.
	 */
	@Override
	public CompletableFuture<ReplicationResult> replicate(boolean initiator, InputStream in, OutputStream out) {
		synchronized (this.lifecycle) {
			checkOpen();
		}
		Session session = new Session(this.node, initiator, false);
		new StreamTransport(session, in, out).start();
		return session.result();
	}

	/**
	 * Writes every log this database holds to one file (docs/protocol.md, "Archive"), for
	 * {@link #importLogs(Path)} on another node.
	 * @return what was written: {@code entriesSent} entries, {@code bytesSent} bytes
	 */
	public ReplicationResult exportLogs(Path file) {
		try {
			return LogArchive.export(this.node, file);
		}
		catch (java.io.IOException ex) {
			throw new ReplicationException("Cannot export the logs to " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reads a file written by {@link #exportLogs(Path)}, verifying every head and chunk as a session would
	 * before storing it.
	 * @return what was read: {@code logsReceived} new logs, {@code entriesReceived} entries stored
	 * @throws ReplicationException naming the file, the offset and the problem (a fork also leaves evidence)
	 */
	public ReplicationResult importLogs(Path file) {
		return LogArchive.importFrom(this.node, file);
	}

	/** Stops, then releases the threads; the log store stays open (it is the caller's). */
	@Override
	public void close() {
		synchronized (this.lifecycle) {
			if (this.closed) {
				return;
			}
			stop();
			this.closed = true;
		}
		this.node.store.removeListener(this.node);
		this.timer.shutdownNow();
		this.pool.shutdown();
	}

	private EventLoopGroup group() {
		synchronized (this.lifecycle) {
			if (this.group == null) {
				this.group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
						(java.util.concurrent.ThreadFactory) r -> daemon(r, "kappa-replication-io-" + THREADS.incrementAndGet()),
						NioIoHandler.newFactory());
			}
			return this.group;
		}
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("Replication is closed");
		}
	}
}
