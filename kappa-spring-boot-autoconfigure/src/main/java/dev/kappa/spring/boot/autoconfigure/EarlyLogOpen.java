package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;

/**
 * Opens the logs on a thread of their own while the rest of the context starts, so that their recovery (a walk of
 * every frame of every log, docs/format.md) overlaps Spring's own work instead of following it. Started by
 * {@link PostProcessor} once the bean definitions are final, only when the context will make the starter's own
 * {@code kappaEngine}; that bean method then takes the opened store ({@link #take}), or the failure of its open,
 * which it throws as if it had opened the store itself.
 * <p>
 * Nothing is decided here that the usual path would decide otherwise: {@code kappa.storage-dir} and
 * {@code kappa.log.*} are bound as Boot will bind them and checked as the engine checks them, and the storage
 * directory as {@link StorageDirectory} checks it; if any of that fails, nothing is opened early and the beans
 * fail as they always did. If the bound values differ from the ones
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

	/**
	 * Starts the early open once the bean definitions are final: if the context will create the starter's own
	 * {@code kappaEngine} (not the application's, not lazily).
	 */
	static final class PostProcessor implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

		private Environment environment;

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			if (!(beanFactory instanceof DefaultListableBeanFactory registry) || !startersEngine(registry)
					|| this.environment.getProperty("spring.main.lazy-initialization", Boolean.class, false)
					|| registry.containsSingleton(BEAN_NAME)) {
				return;
			}
			Path configured;
			Path directory;
			LogOptions options;
			try {
				// only what the open reads; the rest of kappa.* is bound (and checked) with the KappaProperties bean
				Binder binder = Binder.get(this.environment);
				configured = binder.bind(StorageDirectory.PROPERTY, Path.class)
					.orElseGet(() -> new KappaProperties().getStorageDir());
				options = logOptions(binder.bindOrCreate("kappa.log", KappaProperties.Log.class));
				directory = StorageDirectory.prepare(configured);
			}
			catch (RuntimeException ex) {
				return; // the beans meet the same problem and report it as usual
			}
			EarlyLogOpen early = new EarlyLogOpen(configured, directory, options);
			registry.registerSingleton(BEAN_NAME, early);
			registry.registerDisposableBean(BEAN_NAME, early);
		}

		/** Whether {@code kappaEngine} is the bean method of {@link KappaEngineConfiguration}, created eagerly. */
		private static boolean startersEngine(DefaultListableBeanFactory registry) {
			if (!registry.containsBeanDefinition("kappaEngine")) {
				return false;
			}
			BeanDefinition definition = registry.getBeanDefinition("kappaEngine");
			MethodMetadata method = definition instanceof AnnotatedBeanDefinition annotated
					? annotated.getFactoryMethodMetadata() : null;
			return method != null && !definition.isLazyInit()
					&& KappaEngineConfiguration.class.getName().equals(method.getDeclaringClassName());
		}
	}
}
