package dev.kappa.internal.hypercore;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cores this node follows ({@code kappa.hypercore.follow}, or {@link HypercoreNode#follow}): each is held as
 * a read-only replica log, downloaded from every connected peer that has it (dialled or connecting), as soon
 * as the secure session is up. Problems (a fork, a bad proof) are logged and told to the report listener.
 */
final class FollowedCores {

	private static final Logger logger = LoggerFactory.getLogger(FollowedCores.class);

	private final LogStore store;

	private final Map<LogKey, byte[]> keys = new ConcurrentHashMap<>();

	private final Set<ProtomuxHandler> connections = ConcurrentHashMap.newKeySet();

	private volatile BiConsumer<LogKey, String> reports = (key, reason) -> { };

	FollowedCores(LogStore store) {
		this.store = store;
	}

	/**
	 * Follows the core {@code key} (compat or manifest) from now on, on every connection; its replica is created
	 * by the first verified download.
	 */
	void follow(LogKey key) {
		if (this.keys.putIfAbsent(key, Namespaces.discoveryKey(key.bytes())) == null) {
			for (ProtomuxHandler mux : this.connections) {
				mux.execute(() -> mux.open(handler(key)));
			}
		}
	}

	boolean isFollowed(LogKey key) {
		return this.keys.containsKey(key);
	}

	void onReport(BiConsumer<LogKey, String> listener) {
		this.reports = listener;
	}

	/** A new secure connection: open a channel for every followed core. */
	void connected(ProtomuxHandler mux) {
		this.connections.add(mux);
		for (LogKey key : this.keys.keySet()) {
			mux.open(handler(key));
		}
	}

	void disconnected(ProtomuxHandler mux) {
		this.connections.remove(mux);
	}

	/** The handler for a peer's open of a followed core, or null. */
	CoreHandler open(byte[] discoveryKey) {
		for (Map.Entry<LogKey, byte[]> e : this.keys.entrySet()) {
			if (Arrays.equals(e.getValue(), discoveryKey)) {
				return handler(e.getKey());
			}
		}
		return null;
	}

	private FollowedCore handler(LogKey key) {
		return new FollowedCore(key, this.store, this);
	}

	void report(LogKey key, String problem) {
		logger.warn("Hypercore core {} not followed: {}", key, problem);
		this.reports.accept(key, problem);
	}
}
