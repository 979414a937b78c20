package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;

import org.springframework.beans.factory.DisposableBean;

/**
 * Opens the logs on a thread of their own while the rest of the context starts, so that their recovery (a walk of
 * every frame of every log, docs/format.md) overlaps Spring's own work instead of following it. Started by
 * {@link PostProcessor} once the bean definitions are final, only when the context will make the starter's own
 * {@code kappaEngine}; that bean method then takes the opened store ({@link #take}), or the failure of its open,
 * which it throws as if it had opened the store itself.
 * <p>
 * Nothing is decided here that the usual path would decide otherwise: {@code kappa.*} is bound as Boot will bind
 * it and checked by its validator ({@link EarlyOpenPostProcessor}), and the storage directory as {@link StorageDirectory}
 * checks it; if any of that fails, nothing is opened early and the beans fail as they always did (a wrong value of
 * {@code kappa.*} before any log is opened). If the bound values differ from the ones
 * the beans get, or the store is never taken (the context fails first), the store is closed and the lock released.
 */
final class EarlyLogOpen implements DisposableBean {

	static final String BEAN_NAME = "kappaEarlyLogOpen";

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(EarlyLogOpen.class);

	private final Path configured;

	private final Path directory;

	private final LogOptions options;

	private final CompletableFuture<LogStore> store;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile boolean taken;

	EarlyLogOpen(Path configured, Path directory, LogOptions options) {
		this.configured = configured;
		this.directory = directory;
		this.options = options;
		this.store = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				this.store.complete(LogStore.open(directory, options));
			}
			catch (Throwable ex) {
				this.store.completeExceptionally(ex);
			}
		}, "kappa-open-logs");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The checked storage directory if {@code storageDir} is the one opened early, else {@code null} (after giving
	 * up the early store, so that the usual checks find the directory free).
	 */
	Path directory(Path storageDir) {
		if (storageDir != null && storageDir.equals(this.configured)) {
			return this.directory;
		}
		abandon("kappa.storage-dir is " + storageDir + ", not " + this.configured);
		return null;
	}

	/**
	 * The store opened early, if it is the one asked for; {@code null} otherwise (the early one is then closed).
	 * A failed open is thrown here, as {@link LogStore#open} threw it. Once only.
	 */
	LogStore take(Path directory, LogOptions options) {
		if (!this.directory.equals(directory) || !this.options.equals(options)) {
			abandon("the log options are " + options + ", not " + this.options);
			return null;
		}
		if (!this.settled.compareAndSet(false, true)) {
			return null;
		}
		LogStore opened = join();
		this.taken = true;
		return opened;
	}

	/** Whether the engine took the store opened early. */
	boolean taken() {
		return this.taken;
	}

	/** Waits for the early open and closes its store, unless it was taken; the open's failure is dropped. */
	private void abandon(String why) {
		if (!this.settled.compareAndSet(false, true)) {
			return;
		}
		logger.debug("Closing the logs opened early in {}: {}", this.directory, why);
		try {
			join().close();
		}
		catch (RuntimeException | Error ex) {
			logger.debug("The early open of the logs in {} failed; the usual open will report it", this.directory, ex);
		}
	}

	private LogStore join() {
		try {
			return this.store.join();
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/** The context closes (or failed before the engine took the store): releases what was opened early. */
	@Override
	public void destroy() {
		abandon("the context closed before the engine took them");
	}

	/** The log options of {@code kappa.log.*}, as the engine opens its logs with them. */
	static LogOptions logOptions(KappaProperties.Log log) {
		return LogOptions.defaults()
			.withFsync(log.getFsync())
			.withFsyncInterval(log.getFsyncInterval())
			.withAllowCut(log.getRecovery().isAllowCut())
			.withLinger(log.getLinger());
	}

	/** Starts the early open for the starter's own {@code kappaEngine}. */
	static final class PostProcessor extends EarlyOpenPostProcessor {

		PostProcessor() {
			super(BEAN_NAME, "kappaEngine", KappaEngineConfiguration.class);
		}

		@Override
		DisposableBean open(KappaProperties properties) {
			try {
				LogOptions options = logOptions(properties.getLog());
				return new EarlyLogOpen(properties.getStorageDir(), StorageDirectory.prepare(properties.getStorageDir()),
						options);
			}
			catch (RuntimeException ex) {
				return null; // the beans meet the same problem and report it as usual
			}
		}
	}
}
