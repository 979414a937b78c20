package dev.kappa.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * A compared metric: what kappa-spring measured, and which of the Node anchors' metrics it is compared with.
 *
 * @param name kappa-spring's metric name
 * @param title what it measures, for the table
 * @param rate whether it is compared as entries/s (else as a time: cold open)
 * @param rivalMetric the anchors' metric it is compared with
 * @param label a short title, for the chart
 */
public record Metric(String name, String title, boolean rate, String rivalMetric, String label) {

	public static final String OURS = "kappa-spring";

	/** The Node anchors compared with, in table order (autobase is out of scope). */
	public static final List<String> RIVALS = List.of("kappa6-mem", "kappa6-level", "hypercore11");

	public static final List<Metric> COMPARED = List.of(
			new Metric("W1_append_b1000", "append, batches of 1000, fsync per batch", true, "W1_append_b1000",
					"batches of 1000, fsync per batch"),
			new Metric("W1_append_single", "append one entry per call, fsync each (rivals: no fsync)", true, "W1_append_single",
					"one per call, fsync each (rivals: none)"),
			new Metric("W1_append_single_nofsync", "append one entry per call, fsync=never", true, "W1_append_single",
					"one per call, fsync=never"),
			new Metric("W2_index", "index the log into the kv view", true, "W2_index", "into the kv view (H2 file)"),
			new Metric("W3_rebuild", "rebuild the kv view after a version bump", true, "W3_rebuild", "version bump: drop, replay all"),
			new Metric("W4_replicate", "replicate over loopback TCP until the replica's view is ready (rivals: logs only)", true, "W4_replicate",
					"until the view is ready (rivals: logs)"),
			new Metric("W4_replicate_logs", "replicate over loopback TCP, logs verified and stored", true, "W4_replicate",
					"logs verified and stored"),
			new Metric("W5_cold_open", "reopen in a new process until ready (JVM with an AppCDS archive)", false,
					"W5_cold_open", "new process, until ready (AppCDS)"),
			new Metric("W5_cold_open_nocds", "reopen in a new process until ready (plain JVM, no class-data archive)",
					false, "W5_cold_open", "new process, until ready (no CDS)"));

	/** Metrics whose values are charted (entries/s). */
	public static List<Metric> charted() {
		return COMPARED.stream().filter(Metric::rate).toList();
	}

	/** kappa-spring's median: entries/s for a rate, ms for a time. */
	public Optional<Double> ours(Results results, long n) {
		return results.median(OURS, this.name, n, this.rate ? Result::perSecond : Result::ms);
	}

	/** A rival's median: entries/s for a rate, ms for a time. */
	public Optional<Double> rival(Results results, String stack, long n) {
		return results.median(stack, this.rivalMetric, n, this.rate ? Result::perSecond : Result::ms);
	}

	/** The best rival figure: the highest rate or the shortest time. */
	public Optional<Double> bestRival(Results results, long n) {
		List<Double> figures = RIVALS.stream().flatMap(s -> rival(results, s, n).stream()).toList();
		return this.rate ? figures.stream().max(Double::compare) : figures.stream().min(Double::compare);
	}

	/** How many times better kappa-spring is than the best rival (> 1: faster), in throughput. */
	public Optional<Double> ratioToBestRival(Results results, long n) {
		Optional<Double> ours = ours(results, n);
		Optional<Double> best = bestRival(results, n);
		if (ours.isEmpty() || best.isEmpty() || ours.get() <= 0 || best.get() <= 0) {
			return Optional.empty();
		}
		return Optional.of(this.rate ? ours.get() / best.get() : best.get() / ours.get());
	}
}
