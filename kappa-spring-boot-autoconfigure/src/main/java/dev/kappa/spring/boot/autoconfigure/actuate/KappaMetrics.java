package dev.kappa.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters for what the database reports (docs/operations.md lists them). Tags are low-cardinality
 * only: a view's name, a direction, an outcome, a reason; never a log key or a peer address.
 */
final class KappaMetrics implements KappaMonitor {

	private final MeterRegistry registry;

	private final Counter appended;

	private final Timer appendSuccess;

	private final Timer appendFailure;

	private final Counter forks;

	private final AtomicInteger activeSessions = new AtomicInteger();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	KappaMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.appended = Counter.builder("kappa.log.appended").baseUnit("entries")
			.description("Entries appended to local logs").register(registry);
		this.appendSuccess = appendTimer("success");
		this.appendFailure = appendTimer("error");
		this.forks = Counter.builder("kappa.replication.forks")
			.description("Forks detected: a writer seen with two signed histories").register(registry);
		registry.gauge("kappa.replication.sessions.active", this.activeSessions);
	}

	private Timer appendTimer(String outcome) {
		return Timer.builder("kappa.log.append").tag("outcome", outcome)
			.description("Latency of one append call (one signed batch, durable as kappa.log.fsync says)")
			.register(this.registry);
	}

	private Counter counter(String name, String tag, String value, String description) {
		return this.counters.computeIfAbsent(name + '|' + tag + '|' + value,
				k -> Counter.builder(name).tag(tag, value).description(description).register(this.registry));
	}

	@Override
	public Operation append(LogKey log, int entries) {
		long start = System.nanoTime();
		return error -> {
			long nanos = System.nanoTime() - start;
			if (error == null) {
				this.appendSuccess.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
				this.appended.increment(entries);
			}
			else {
				this.appendFailure.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
			}
		};
	}

	@Override
	public Operation indexBatch(String view, long entries) {
		long start = System.nanoTime();
		return error -> {
			String outcome = error == null ? "success" : "error";
			this.timers.computeIfAbsent(view + '|' + outcome,
					k -> Timer.builder("kappa.view.batch").tag("view", view).tag("outcome", outcome)
						.description("Duration of one indexing transaction of a view").register(this.registry))
				.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		};
	}

	@Override
	public void indexed(String view, long entries) {
		counter("kappa.view.indexed", "view", view, "Entries a view has processed").increment(entries);
	}

	@Override
	public Operation session(String peer, boolean inbound) {
		counter("kappa.replication.sessions", "direction", inbound ? "inbound" : "outbound",
				"Replication sessions started").increment();
		this.activeSessions.incrementAndGet();
		return error -> this.activeSessions.decrementAndGet();
	}

	@Override
	public void transferred(Direction direction, long entries, long bytes) {
		String d = direction.name().toLowerCase(Locale.ROOT);
		if (entries > 0) {
			counter("kappa.replication.entries", "direction", d, "Entries replicated (received: verified and stored)")
				.increment(entries);
		}
		if (bytes > 0) {
			counter("kappa.replication.bytes", "direction", d, "Bytes on the wire in replication sessions").increment(bytes);
		}
	}

	@Override
	public void sessionRejected(String peer, String reason) {
		counter("kappa.replication.sessions.rejected", "reason", reason,
				"Replication sessions or connection attempts that failed, by reason").increment();
	}

	@Override
	public void forkDetected(LogKey log, String peer, Path evidence) {
		this.forks.increment();
	}
}
