package dev.kappa.internal.indexer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.kappa.core.ViewStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view's indexing rate, and the INFO lines that report progress (done / total, entries/s, ETA) every few
 * seconds while a view is behind.
 */
final class Progress {

	private static final Logger logger = LoggerFactory.getLogger(Progress.class);

	private static final long WINDOW = TimeUnit.SECONDS.toNanos(5);

	private final String view;

	private long startNanos = System.nanoTime();

	private long windowStart = System.nanoTime();

	private long windowCount;

	private volatile double rate;

	private long lastLog = System.nanoTime();

	private long total;

	Progress(String view) {
		this.view = view;
	}

	/** Marks when indexing started. */
	void start() {
		this.startNanos = System.nanoTime();
		this.windowStart = this.startNanos;
		this.lastLog = this.startNanos;
	}

	/** Counts {@code done} entries just committed; logs progress if due. */
	void add(long done, Supplier<ViewStatus> status, boolean rebuilding) {
		long now = System.nanoTime();
		this.total += done;
		this.windowCount += done;
		long elapsed = now - this.windowStart;
		if (elapsed >= WINDOW / 5) {
			double current = this.windowCount * 1e9 / elapsed;
			this.rate = this.rate == 0 ? current : 0.5 * this.rate + 0.5 * current;
			this.windowStart = now;
			this.windowCount = 0;
		}
		if (now - this.lastLog >= WINDOW) {
			this.lastLog = now;
			ViewStatus s = status.get();
			if (s.processed() < s.total()) {
				logger.info("View '{}' {}: {} / {} entries ({}%), {} entries/s, ETA {}", this.view,
						rebuilding ? "rebuilding" : "indexing", s.processed(), s.total(),
						s.total() == 0 ? 100 : s.processed() * 100 / s.total(), Math.round(s.entriesPerSecond()),
						s.eta() == null ? "unknown" : format(s.eta()));
			}
		}
	}

	/** The view's status in {@code state}, with its rate and ETA while it indexes. */
	ViewStatus status(int version, ViewStatus.State state, long processed, long total, String error) {
		double rate = state == ViewStatus.State.REBUILDING || state == ViewStatus.State.INDEXING ? rate() : 0;
		Duration eta = rate > 0 ? Duration.ofMillis((long) ((total - processed) * 1000 / rate)) : null;
		return new ViewStatus(this.view, version, state, processed, total, error, rate, eta);
	}

	/** The time since indexing started ({@link #start()}). */
	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	double rate() {
		long idle = System.nanoTime() - this.windowStart;
		return idle > 2 * WINDOW ? 0 : this.rate;
	}

	/** Logs the end of a rebuild. */
	void finished(ViewStatus status) {
		double seconds = (System.nanoTime() - this.startNanos) / 1e9;
		logger.info("View '{}' rebuilt from {} entries in {} s ({} entries/s)", this.view, status.processed(),
				String.format("%.1f", seconds), Math.round(this.total / Math.max(seconds, 1e-9)));
	}

	static String format(Duration d) {
		long s = d.toSeconds();
		return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
	}
}
