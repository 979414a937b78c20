package dev.kappa.internal.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All logs of one database: {@code <storage-dir>/logs/<64 hex chars of the public key>/}, one directory per
 * log. A local log's directory also holds its name ({@code name}) and its writer's secret key
 * ({@code secret.key}, readable by the owner only). A lock file keeps a second process out of the directory.
 * <p>
 * Internal: the engine builds the public API on it.
 */
public final class LogStore implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(LogStore.class);

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final Pattern KEY_DIR = Pattern.compile("[0-9a-f]{64}");

	/** Told about new logs and appended entries. Called on the appending thread: return quickly. */
	public interface Listener {

		default void logAdded(SignedLog log) {
		}

		void appended(SignedLog log, long newLength);
	}

	private final Path logsDir;

	private final LogOptions options;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final Map<LogKey, SignedLog> logs = new ConcurrentHashMap<>();

	private final Map<String, SignedLog> writers = new ConcurrentHashMap<>();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService maintenance;

	// Set once, under this store's monitor, by close().
	private volatile boolean closed;

	private final AppendListener appendListener = (log, length) -> {
		for (Listener l : this.listeners) {
			l.appended(log, length);
		}
	};

	private LogStore(Path storageDir, LogOptions options) throws IOException {
		this.options = options;
		this.logsDir = storageDir.resolve("logs");
		Files.createDirectories(this.logsDir);
		this.lockChannel = FileChannel.open(storageDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock acquired;
		try {
			acquired = this.lockChannel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			acquired = null;
		}
		if (acquired == null) {
			this.lockChannel.close();
			throw new StorageDirectoryInUseException(storageDir, StorageDirectoryInUseException.holder(storageDir.resolve(".lock")));
		}
		this.lock = acquired;
		StorageDirectoryInUseException.recordHolder(this.lockChannel);
		this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "kappa-log-maintenance");
			t.setDaemon(true);
			return t;
		});
	}

	/**
	 * Opens (creating if needed) the logs under {@code storageDir}, recovering each one.
	 * @throws CorruptLogException if a log's files are corrupt
	 */
	public static LogStore open(Path storageDir, LogOptions options) {
		Ed25519.warmUpInBackground();
		LogStore store;
		try {
			OwnerOnlyDirectories.create(storageDir);
			store = new LogStore(storageDir, options);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the storage directory " + storageDir + ": " + ex.getMessage(), ex);
		}
		try {
			store.openAll();
		}
		catch (RuntimeException ex) {
			store.close();
			throw ex;
		}
		long period = Math.max(100, Math.min(options.fsyncInterval().toMillis(), 1000));
		store.maintenance.scheduleWithFixedDelay(store::maintain, period, period, TimeUnit.MILLISECONDS);
		return store;
	}

	private void openAll() {
		List<Path> dirs;
		try (Stream<Path> list = Files.list(this.logsDir)) {
			dirs = list.sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.logsDir, ex);
		}
		for (Path dir : dirs) {
			String name = dir.getFileName().toString();
			if (name.startsWith(".tmp-")) {
				logger.warn("Removing {}, a log directory whose creation was interrupted", dir);
				deleteRecursively(dir);
			}
			else if (KEY_DIR.matcher(name).matches() && Files.isDirectory(dir)) {
				openLog(dir, LogKey.parse(name));
			}
			else {
				logger.warn("Ignoring {}: not a log directory (expected 64 lower-case hex characters)", dir);
			}
		}
	}

	private void openLog(Path dir, LogKey key) {
		try {
			Ed25519.KeyPair keyPair = null;
			String localName = null;
			if (Files.exists(dir.resolve(SecretKeyFile.FILE))) {
				keyPair = SecretKeyFile.read(dir, key);
				localName = Files.readString(dir.resolve("name")).trim();
			}
			else if (Files.exists(dir.resolve("name"))) {
				throw new CorruptLogException(key.toString(), dir.resolve(SecretKeyFile.FILE), 0, "the local log '"
						+ Files.readString(dir.resolve("name")).trim() + "' has lost its secret key; restore the file"
						+ " from a backup (without it the log can never be appended to again)");
			}
			SignatureScheme scheme = ManifestFile.scheme(dir, key);
			SignedLog log = SignedLog.open(dir, key, scheme, keyPair, false, this.options, this.appendListener,
					this.maintenance);
			if (keyPair == null && log.length() == 0) {
				log.close();
				deleteRecursively(dir);
				logger.info("Removed {}: an empty replica (a peer's log of which no entry arrived)", dir);
				return;
			}
			this.logs.put(key, log);
			if (localName != null) {
				this.writers.put(localName, log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open log " + key + " in " + dir + ": " + ex.getMessage(), ex);
		}
	}

	/** The local log called {@code name}, created with a new key pair on first use. */
	public SignedLog writer(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("A log name is 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
		}
		SignedLog existing = this.writers.get(name);
		if (existing != null) {
			return existing;
		}
		synchronized (this) {
			existing = this.writers.get(name);
			if (existing != null) {
				return existing;
			}
			checkOpen();
			SignedLog log = create(name);
			this.writers.put(name, log);
			return log;
		}
	}

	/** Creates a local log with a new key pair. */
	private SignedLog create(String name) {
		Ed25519.KeyPair keyPair = Ed25519.KeyPair.generate();
		LogKey key = new LogKey(keyPair.publicKey());
		SignedLog log = createLog(key, SignatureScheme.compat(key), keyPair, name);
		logger.info("Created local log '{}' with key {}", name, log.key());
		return log;
	}

	/** The replica of a peer's log (a compat log), created empty if this database does not hold it yet. */
	public SignedLog replica(LogKey key) {
		SignedLog existing = this.logs.get(key);
		return existing != null ? existing : replica(key, SignatureScheme.compat(key));
	}

	/**
	 * The replica of a log whose signatures verify by {@code scheme} (a manifest core's log gets its
	 * {@code log.manifest}), created empty if this database does not hold it yet; a held log is returned as it is.
	 */
	public SignedLog replica(LogKey key, SignatureScheme scheme) {
		SignedLog existing = this.logs.get(key);
		if (existing != null) {
			return existing;
		}
		synchronized (this) {
			existing = this.logs.get(key);
			if (existing != null) {
				return existing;
			}
			checkOpen();
			SignedLog log = createLog(key, scheme, null, null);
			logger.info("Replicating log {} from a peer", key);
			return log;
		}
	}

	/**
	 * Creates a log directory atomically: its files (and, for a local log, its secret key and name) are written
	 * in a temporary directory, which is then renamed into place; the log is opened and announced.
	 */
	private SignedLog createLog(LogKey key, SignatureScheme scheme, Ed25519.KeyPair keyPair, String name) {
		Path dir = this.logsDir.resolve(key.toString());
		Path tmp = this.logsDir.resolve(".tmp-" + key);
		try {
			Files.createDirectories(tmp);
			if (keyPair != null) {
				SecretKeyFile.write(tmp, keyPair);
				Files.writeString(tmp.resolve("name"), name + "\n");
			}
			if (scheme.manifest() != null) {
				ManifestFile.write(this.options.io(), tmp, scheme.manifest());
			}
			SignedLog.open(tmp, key, scheme, keyPair, true, this.options, this.appendListener, this.maintenance).close();
			Directories.force(tmp);
			Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			Directories.force(this.logsDir);
			SignedLog log = SignedLog.open(dir, key, scheme, keyPair, false, this.options, this.appendListener,
					this.maintenance);
			this.logs.put(key, log);
			this.listeners.forEach(l -> l.logAdded(log));
			return log;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + (name != null ? "log '" + name + "'" : "a replica of log " + key)
					+ " in " + this.logsDir + ": " + ex.getMessage(), ex);
		}
	}

	/** The local logs (those this database writes), by name. */
	public Map<String, SignedLog> localLogs() {
		return Map.copyOf(this.writers);
	}

	/** The name of a local log ({@link #writer(String)}); empty for a replica. */
	public Optional<String> name(LogKey key) {
		return this.writers.entrySet().stream().filter(e -> e.getValue().key().equals(key)).map(Map.Entry::getKey)
			.findFirst();
	}

	public Optional<SignedLog> find(LogKey key) {
		return Optional.ofNullable(this.logs.get(key));
	}

	/** All logs, in key order. */
	public List<SignedLog> logs() {
		List<SignedLog> all = new ArrayList<>(this.logs.values());
		all.sort(Comparator.comparing(SignedLog::key));
		return all;
	}

	/**
	 * Commits every local log's deferred appends ({@link SignedLog#flush()}), so every entry whose append returned
	 * is written and seen.
	 * @throws dev.kappa.core.KappaException if a log could not write its queued entries
	 */
	public void flush() {
		for (SignedLog log : this.writers.values()) {
			log.flush();
		}
	}

	public void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	public void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	/**
	 * The maintenance thread's periodic work. A scheduled task that throws is silently never run again, so
	 * nothing leaves here: a failure is logged and retried next period, and a {@link VirtualMachineError}
	 * (out of memory) goes to the thread's uncaught-exception handler, not into the scheduler's future.
	 */
	private void maintain() {
		for (SignedLog log : this.logs.values()) {
			try {
				log.maintain();
			}
			catch (RuntimeException ex) {
				logger.error("Maintenance of log {} failed; it is retried", log.key(), ex);
			}
			catch (VirtualMachineError error) {
				Thread t = Thread.currentThread();
				t.getUncaughtExceptionHandler().uncaughtException(t, error);
				return;
			}
		}
	}

	/** A closed store creates no log: its maps are empty, so a name would otherwise get a second key pair. */
	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("The log store in " + this.logsDir.getParent() + " is closed");
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		this.maintenance.shutdownNow();
		for (SignedLog log : this.logs.values()) {
			try {
				log.close();
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Failed to close log {} cleanly; the next open will recover it", log.key(), ex);
			}
		}
		this.logs.clear();
		this.writers.clear();
		try {
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			logger.warn("Could not release the storage lock {}", this.logsDir.getParent(), ex);
		}
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).forEach(p -> {
				try {
					Files.delete(p);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			throw new KappaException("Cannot remove the unfinished log directory " + dir, ex);
		}
	}
}
