package dev.kappa.internal.hypercore;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;

/**
 * The local logs hypercore peers may read: those named in {@code kappa.hypercore.expose} (or all, for
 * {@code *}), or exposed later through the API. Nothing else is served: anyone who knows a served log's key can
 * read it. Finds a log by its discovery key for a peer's open, and tells the channels serving a log when it
 * grows.
 */
final class ExposedLogs implements CoreHandler.Directory, LogStore.Listener {

	static final String ALL = "*";

	private final LogStore store;

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	private final Map<LogKey, byte[]> discoveryKeys = new ConcurrentHashMap<>();

	private final Map<SignedLog, Set<ServedCore>> watchers = new ConcurrentHashMap<>();

	ExposedLogs(LogStore store, Iterable<String> names) {
		this.store = store;
		names.forEach(this::expose);
		store.addListener(this);
	}

	/** Lets hypercore peers read the local log {@code name} ({@code *}: every local log). */
	void expose(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A log name to expose over hypercore is empty");
		}
		this.names.add(name.trim());
	}

	boolean isExposed(String name) {
		return this.names.contains(ALL) || this.names.contains(name);
	}

	@Override
	public CoreHandler open(byte[] discoveryKey) {
		for (Map.Entry<String, SignedLog> local : this.store.localLogs().entrySet()) {
			SignedLog log = local.getValue();
			if (isExposed(local.getKey()) && Arrays.equals(discoveryKey(log.key()), discoveryKey)) {
				return new ServedCore(log, this);
			}
		}
		return null;
	}

	private byte[] discoveryKey(LogKey key) {
		return this.discoveryKeys.computeIfAbsent(key, k -> Namespaces.discoveryKey(k.bytes()));
	}

	void watch(SignedLog log, ServedCore core) {
		this.watchers.computeIfAbsent(log, l -> new CopyOnWriteArraySet<>()).add(core);
	}

	void unwatch(SignedLog log, ServedCore core) {
		Set<ServedCore> cores = this.watchers.get(log);
		if (cores != null) {
			cores.remove(core);
		}
	}

	@Override
	public void appended(SignedLog log, long newLength) {
		Set<ServedCore> cores = this.watchers.get(log);
		if (cores != null) {
			cores.forEach(ServedCore::appended);
		}
	}

	void close() {
		this.store.removeListener(this);
	}
}
