package dev.kappa.internal.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.core.LogReader;
import dev.kappa.core.LogWriter;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storage half of a kappa database: the log store and the entry codec, shared by the view engine and
 * replication. {@link KappaDatabase} puts them together behind the public {@code Kappa} interface.
 * <p>
 * Internal: not part of the API.
 */
public final class KappaEngine implements AutoCloseable {

	private final LogStore store;

	private final EntryCodec codec;

	private final KappaMonitor monitor;

	private final EntryValidator validator;

	private final Map<SignedLog, StoredLog> facades = new ConcurrentHashMap<>();

	private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

	private KappaEngine(LogStore store, EntryCodec codec, KappaMonitor monitor, EntryValidator validator) {
		this.store = store;
		this.codec = codec;
		this.monitor = monitor;
		this.validator = validator;
		store.addListener(new LogStore.Listener() {
			@Override
			public void logAdded(SignedLog log) {
				monitor.logAdded(log.key(), log.writable());
			}

			@Override
			public void appended(SignedLog log, long newLength) {
			}
		});
	}

	/** Opens the logs under {@code storageDir}; appended values are not validated. */
	public static KappaEngine open(Path storageDir, LogOptions options, JsonMapper json, Clock clock) {
		return open(storageDir, options, json, clock, Monitors.none(), EntryValidator.NONE);
	}

	/** Opens the logs under {@code storageDir}, reporting to {@code monitor} (see {@link Monitors#of}). */
	public static KappaEngine open(Path storageDir, LogOptions options, JsonMapper json, Clock clock,
			KappaMonitor monitor) {
		return open(storageDir, options, json, clock, monitor, EntryValidator.NONE);
	}

	/** Opens the logs under {@code storageDir}; every appended value goes through {@code validator} first. */
	public static KappaEngine open(Path storageDir, LogOptions options, JsonMapper json, Clock clock,
			EntryValidator validator) {
		return open(storageDir, options, json, clock, Monitors.none(), validator);
	}

	/**
	 * Opens the logs under {@code storageDir}, reporting to {@code monitor}; every appended value goes through
	 * {@code validator} first.
	 */
	public static KappaEngine open(Path storageDir, LogOptions options, JsonMapper json, Clock clock,
			KappaMonitor monitor, EntryValidator validator) {
		return over(LogStore.open(storageDir, options), json, clock, monitor, validator);
	}

	/**
	 * The engine over a store already opened ({@link LogStore#open}, e.g. on another thread while the application
	 * starts); the engine owns it from here and closes it.
	 */
	public static KappaEngine over(LogStore store, JsonMapper json, Clock clock, KappaMonitor monitor,
			EntryValidator validator) {
		return new KappaEngine(store, new EntryCodec(json, clock), monitor, validator);
	}

	/** Where the engine's parts report what they do. */
	public KappaMonitor monitor() {
		return this.monitor;
	}

	public LogStore store() {
		return this.store;
	}

	public EntryCodec codec() {
		return this.codec;
	}

	public LogWriter writer(String name) {
		return facade(this.store.writer(name));
	}

	public Optional<LogReader> log(LogKey key) {
		return this.store.find(key).map(this::facade);
	}

	public List<LogReader> logs() {
		return this.store.logs().stream().<LogReader>map(this::facade).toList();
	}

	private StoredLog facade(SignedLog log) {
		return this.facades.computeIfAbsent(log, l -> new StoredLog(l, this.codec, this.monitor, this.store, this.validator));
	}

	/** Closes the log store; a second call does nothing. */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.store.close();
		}
	}
}
