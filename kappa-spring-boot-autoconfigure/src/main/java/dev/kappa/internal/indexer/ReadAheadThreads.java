package dev.kappa.internal.indexer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read-ahead threads shared by the views of one database ({@link ReadAhead}). */
final class ReadAheadThreads {

	private static final Logger logger = LoggerFactory.getLogger(ReadAheadThreads.class);

	static final String THREAD_NAME = "kappa-read-ahead-";

	private ReadAheadThreads() {
	}

	/** The executor of every view of a database: daemon threads, which end when idle. */
	static ExecutorService executor() {
		int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
		AtomicInteger n = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, THREAD_NAME + n.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Stops the executor once the views are closed (their reads ahead ended with them): queued tasks of closed
	 * views return at once. Its threads are not interrupted (that would close the logs' file channels).
	 */
	static void shutdown(ExecutorService executor) {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.warn("The views' read-ahead threads did not end within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
