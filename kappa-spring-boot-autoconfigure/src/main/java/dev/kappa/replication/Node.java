package dev.kappa.replication;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.kappa.core.KappaMonitor;
import dev.kappa.crypto.X25519KeyPair;
import dev.kappa.log.LogStore;
import dev.kappa.log.SignedLog;

/**
 * What every session of one database shares: the logs, the node's static key and the network key, the
 * limits, the pool sessions run on, a timer, the fork reports, and the open sessions, which it tells about
 * new entries (local appends or entries received by other sessions).
 */
final class Node implements LogStore.Listener {

	final LogStore store;

	final X25519KeyPair staticKey;

	final byte[] networkKey;

	final ReplicationOptions options;

	final Executor pool;

	final ScheduledExecutorService timer;

	final ForkReports forks;

	final KappaMonitor monitor;

	private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

	/** The peer each replica was first received from, since this node started. */
	final java.util.Map<dev.kappa.core.LogKey, String> origins = new ConcurrentHashMap<>();

	Node(LogStore store, X25519KeyPair staticKey, byte[] networkKey, ReplicationOptions options, Executor pool,
			ScheduledExecutorService timer, KappaMonitor monitor) {
		this.monitor = monitor;
		this.store = store;
		this.staticKey = staticKey;
		this.networkKey = networkKey.clone();
		this.options = options;
		this.pool = pool;
		this.timer = timer;
		this.forks = new ForkReports(options.storageDir());
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
