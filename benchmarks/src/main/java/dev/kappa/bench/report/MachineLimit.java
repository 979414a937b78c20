package dev.kappa.bench.report;

import java.util.Optional;

/**
 * The machine's own limit a figure is compared with, measured by the limits phase of the same run (or, for the
 * cold open, the plain Boot app beside it).
 *
 * @param text the limit, for the table
 * @param ratio kappa-spring's figure relative to it in throughput (1 = at the limit)
 */
public record MachineLimit(String text, Optional<Double> ratio) {

	/** The limit of a metric at n, or empty for metrics without one. */
	public static Optional<MachineLimit> of(String metric, long n, Results results) {
		Optional<Double> rate = results.median(Metric.OURS, metric, n, Result::perSecond);
		return switch (metric) {
			// Single appends with fsync=never share one signature per kappa.log.linger, so hashing bounds them too.
			case "W1_append_b1000", "U1_append_b1000", "W4_replicate", "W4_replicate_logs", "W1_append_single_nofsync" ->
				rate(results, "M_blake2b_64", 2, "BLAKE2b-256 hashes/s ÷ 2 (a leaf and a parent hash per entry)", rate);
			case "W1_append_single" -> rate(results, "M_fsync_append", 1, "appends + fdatasync/s", rate);
			case "U2_index", "U3_rebuild" ->
				rate(results, "M_h2_insert_then_index", 1, "H2: JDBC inserts, then the index built", rate);
			case "W5_cold_open", "U5_cold_open" -> plainBoot(results, metric, n);
			default -> Optional.empty();
		};
	}

	private static Optional<MachineLimit> rate(Results results, String limitMetric, double perEntry, String what,
			Optional<Double> rate) {
		return results.median("machine", limitMetric, Result::perSecond).map(limit -> {
			double entries = limit / perEntry;
			return new MachineLimit(Format.count(entries) + "/s (" + what + ")", rate.map(r -> r / entries));
		});
	}

	private static Optional<MachineLimit> plainBoot(Results results, String metric, long n) {
		Optional<Double> ours = results.median(Metric.OURS, metric, n, Result::ms);
		return results.median(Metric.OURS, metric.charAt(0) + "5_plain_boot", n, Result::ms)
			.map(plain -> new MachineLimit(Format.time(plain) + " (the plain Boot app)",
					ours.filter(t -> t > 0).map(t -> plain / t)));
	}
}
