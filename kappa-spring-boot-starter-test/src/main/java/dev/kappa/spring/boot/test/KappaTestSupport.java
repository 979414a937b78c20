package dev.kappa.spring.boot.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.kappa.core.Kappa;

/**
 * Small helpers for tests of applications using kappa-spring: append entries and wait until views have indexed
 * them, without polling.
 *
 * <pre>{@code
 * KappaTestSupport.appendAndAwait(kappa, "default", new Put(1, "soup", "cold"));
 * assertThat(repository.findById("soup")).isPresent();
 * }</pre>
 */
public final class KappaTestSupport {

	/** How long {@link #awaitViews(Kappa, String...)} waits. */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private KappaTestSupport() {
	}

	/**
	 * Appends {@code values} to the local log {@code log} in one batch, then waits until every view has processed
	 * them.
	 * @return the seq of the first value appended (the others follow consecutively)
	 */
	public static long appendAndAwait(Kappa kappa, String log, Object... values) {
		long seq = kappa.writer(log).appendAll(Arrays.asList(values));
		awaitViews(kappa);
		return seq;
	}

	/** Appends {@code values} to {@code log} in one batch and waits for every view. */
	public static long appendAllAndAwait(Kappa kappa, String log, List<?> values) {
		return appendAndAwait(kappa, log, values.toArray());
	}

	/**
	 * Waits until the named views (all if none are named) have processed every entry present now.
	 * @throws AssertionError if they do not within {@link #TIMEOUT}, or one of them fails, with its status
	 */
	public static void awaitViews(Kappa kappa, String... views) {
		try {
			kappa.ready(views).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("A view failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AssertionError("Views " + (views.length == 0 ? "(all)" : Arrays.toString(views))
					+ " did not catch up within " + TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for views", ex);
		}
	}
}
