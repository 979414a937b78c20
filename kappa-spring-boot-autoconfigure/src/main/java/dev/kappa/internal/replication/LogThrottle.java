package dev.kappa.internal.replication;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per interval for an event that a flood repeats (a refused or timed-out connection), and
 * a count of the events the lines did not show, so that a flood of connections does not flood the log too.
 * Safe from any thread.
 */
final class LogThrottle {

	static final long ONE_SECOND = 1_000_000_000L;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final AtomicLong unlogged = new AtomicLong();

	private final AtomicLong lastLine;

	LogThrottle() {
		this(ONE_SECOND, System::nanoTime);
	}

	LogThrottle(long intervalNanos, LongSupplier nanoTime) {
		this.intervalNanos = intervalNanos;
		this.nanoTime = nanoTime;
		this.lastLine = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
	}

	/**
	 * Records one event.
	 * @return 0 if no line is due now; otherwise how many events the line due now stands for (this one and those
	 * since the last line)
	 */
	long event() {
		long pending = this.unlogged.incrementAndGet();
		long now = this.nanoTime.getAsLong();
		long last = this.lastLine.get();
		if (now - last >= this.intervalNanos && this.lastLine.compareAndSet(last, now)) {
			this.unlogged.addAndGet(-pending);
			return pending;
		}
		return 0;
	}
}
