package dev.kappa.internal.replication;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import dev.kappa.core.KappaMonitor;
import dev.kappa.internal.crypto.X25519KeyPair;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;

/**
 * What every session of one database shares: the logs, the node's static key and the network key, the
 * limits, the pool sessions run on, a timer, the fork reports, and the open sessions, which it tells about
 * new entries (local appends or entries received by other sessions).
 */
final class Node implements LogStore.Listener {

	final LogStore store;

	private final Supplier<X25519KeyPair> staticKey;

	private final NetworkKey networkKey;

	final ReplicationOptions options;

	final Executor pool;

	final ScheduledExecutorService timer;

	final ForkReports forks;

	final KappaMonitor monitor;

	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	/** The peer each replica was first received from, since this node started. */
	final java.util.Map<dev.kappa.core.LogKey, String> origins = new ConcurrentHashMap<>();

	/**
	 * @param staticKey the node's static key, asked for at the first handshake (keys are made when replication is
	 * first used, not when a node starts)
	 */
	Node(LogStore store, Supplier<X25519KeyPair> staticKey, NetworkKey networkKey, ReplicationOptions options,
			Executor pool, ScheduledExecutorService timer, KappaMonitor monitor) {
		this.monitor = monitor;
		this.store = store;
		this.staticKey = staticKey;
		this.networkKey = networkKey;
		this.options = options;
		this.pool = pool;
		this.timer = timer;
		this.forks = new ForkReports(options.storageDir());
	}

	X25519KeyPair staticKey() {
		return this.staticKey.get();
	}

	/** The network key's bytes (reading or creating a stored key on first use). */
	byte[] networkKey() {
		return this.networkKey.bytes();
	}

	void add(Session session) {
		this.sessions.add(session);
	}

	void remove(Session session) {
		this.sessions.remove(session);
	}

	Set<Session> sessions() {
		return this.sessions;
	}

	@Override
	public void appended(SignedLog log, long newLength) {
		for (Session session : this.sessions) {
			session.logChanged(log);
		}
	}
}
