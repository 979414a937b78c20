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
			new Metric("W1_append_b1000", "kv-N: append, batches of 1000, fsync per batch", true, "W1_append_b1000",
					"kv-N: batches of 1000, fsync per batch"),
			new Metric("W1_append_single", "append one entry per call, fsync each (rivals: no fsync)", true, "W1_append_single",
					"one per call, fsync each (rivals: none)"),
			new Metric("W1_append_single_nofsync", "append one entry per call, fsync=never", true, "W1_append_single",
					"one per call, fsync=never"),
			new Metric("W2_index", "kv-N: index the log into the kv view (H2 file)", true, "W2_index", "kv-N: index (H2 file)"),
			new Metric("W3_rebuild", "kv-N: rebuild the kv view after a version bump", true, "W3_rebuild", "kv-N: rebuild"),
			new Metric("W2_index_pg", "kv-N: index, view database on PostgreSQL 17 (rivals: their own view)", true,
					"W2_index", "kv-N: index (PostgreSQL)"),
			new Metric("W3_rebuild_pg", "kv-N: rebuild, view database on PostgreSQL 17", true, "W3_rebuild",
					"kv-N: rebuild (PostgreSQL)"),
			new Metric("W4_replicate", "kv-N: replicate over loopback TCP until the replica's view is ready (rivals: logs only)", true, "W4_replicate",
					"kv-N: until the view is ready (rivals: logs)"),
			new Metric("W4_replicate_logs", "kv-N: replicate over loopback TCP, logs verified and stored", true, "W4_replicate",
					"kv-N: logs verified and stored"),
			new Metric("W5_cold_open", "kv-N: reopen through the starter in a new JVM (no class-data archive) until the views are ready and the table counted",
					false, "W5_cold_open", "kv-N: new JVM, until ready"),
			new Metric("W5_plain_boot", "kv-N: the same rows in a plain Boot + Spring Data JDBC + H2 app (no kappa), until a repository counted them",
					false, "W5_cold_open", "kv-N: plain Boot app"),
			new Metric("U1_append_b1000", "unique-N: append, batches of 1000, fsync per batch", true, "U1_append_b1000",
					"unique-N: batches of 1000"),
			new Metric("U2_index", "unique-N: index into the todo view, one row per entry, @Indexed owner (H2 file)", true,
					"U2_index", "unique-N: index (H2 file)"),
			new Metric("U3_rebuild", "unique-N: rebuild the todo view after a version bump", true, "U3_rebuild",
					"unique-N: rebuild"),
			new Metric("U2_index_pg", "unique-N: index, view database on PostgreSQL 17", true, "U2_index",
					"unique-N: index (PostgreSQL)"),
			new Metric("U3_rebuild_pg", "unique-N: rebuild, view database on PostgreSQL 17", true, "U3_rebuild",
					"unique-N: rebuild (PostgreSQL)"),
			new Metric("U5_cold_open", "unique-N: reopen through the starter until ready", false, "U5_cold_open",
					"unique-N: new JVM, until ready"),
			new Metric("U5_plain_boot", "unique-N: the same rows in a plain Boot + Spring Data JDBC + H2 app", false,
					"U5_cold_open", "unique-N: plain Boot app"));

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
