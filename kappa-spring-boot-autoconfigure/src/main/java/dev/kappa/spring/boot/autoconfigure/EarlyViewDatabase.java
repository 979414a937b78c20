package dev.kappa.spring.boot.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Opens the starter's own embedded H2 view database ({@link KappaDataSourceAutoConfiguration}) on a thread of its
 * own while the rest of the context starts: one connection, with the URL (and no user, as the pool) the pool will
 * use, so that H2 has loaded the database file by the time the pool's first connection asks for it, and the pool
 * finds it open. The connection is closed once the context has started (the pool holds its own connections by
 * then), or when the context closes.
 * <p>
 * It decides nothing: a failure of this open is dropped (the pool's own open then meets it and reports it as
 * usual), nothing is opened unless {@code kappa.*} binds and is valid ({@link EarlyOpenPostProcessor}), and
 * only an {@code jdbc:h2:file:} URL of the starter's own DataSource bean is opened, never the application's database.
 */
final class EarlyViewDatabase implements ApplicationListener<ContextRefreshedEvent>, DisposableBean {

	static final String BEAN_NAME = "kappaEarlyViewDatabase";

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(EarlyViewDatabase.class);

	private final String url;

	private final CompletableFuture<Connection> connection = new CompletableFuture<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	EarlyViewDatabase(String url) {
		this.url = url;
		Thread thread = new Thread(() -> {
			try {
				this.connection.complete(DriverManager.getConnection(url, new Properties()));
			}
			catch (Throwable ex) {
				this.connection.completeExceptionally(ex);
			}
		}, "kappa-open-views");
		thread.setDaemon(true);
		thread.start();
	}

	/** The early connection (waits for it), or {@code null} if its open failed. */
	Connection connection() {
		return this.connection.handle((c, ex) -> c).join();
	}

	/** The context has started: the pool has its own connections, so this one can go. */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		close();
	}

	@Override
	public void destroy() {
		close();
	}

	/** Waits for the early open and closes its connection; once. */
	void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.connection.handle((opened, ex) -> {
			if (ex != null) {
				logger.debug("The early open of the view database {} failed; the pool's own open will report it", this.url,
						ex);
				return null;
			}
			try {
				opened.close();
			}
			catch (SQLException closeFailed) {
				logger.debug("Cannot close the early connection to {}", this.url, closeFailed);
			}
			return null;
		}).join();
	}

	/** Starts the early open for the starter's own {@code dataSource}, if its URL is an H2 file database. */
	static final class PostProcessor extends EarlyOpenPostProcessor {

		PostProcessor() {
			super(BEAN_NAME, "dataSource", KappaDataSourceAutoConfiguration.class);
		}

		@Override
		DisposableBean open(KappaProperties properties) {
			String url = properties.getViews().getDatasource();
			if (url == null || url.isBlank()) {
				try {
					url = KappaDataSourceAutoConfiguration.defaultUrl(StorageDirectory.usable(properties.getStorageDir()));
				}
				catch (RuntimeException ex) {
					return null; // the DataSource bean meets the same problem and reports it as usual
				}
			}
			return url.startsWith("jdbc:h2:file:") ? new EarlyViewDatabase(url) : null;
		}
	}
}
