package dev.kappa.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * A bar from PRODUCT.md, evaluated against a run.
 *
 * @param text the bar as written in the table
 * @param ratio kappa-spring relative to the bar in throughput ({@code >= 1} meets it), empty if it cannot be told
 * @param threshold the bar in entries/s where it is a rate (for the chart), else empty
 */
public record Bar(String text, Optional<Double> ratio, Optional<Double> threshold) {

	public static final long BAR_N = 1_000_000;

	public boolean met() {
		return this.ratio.isPresent() && this.ratio.get() >= 1;
	}

	/** The bar for a metric at n, evaluated on the run's medians; empty for metrics without a bar. */
	public static Optional<Bar> of(String metric, long n, Results results) {
		Optional<Double> rate = results.median(Metric.OURS, metric, n, Result::perSecond);
		Optional<Double> ms = results.median(Metric.OURS, metric, n, Result::ms);
		return switch (metric) {
			case "W1_append_b1000", "U1_append_b1000" -> Optional.of(minRate(300_000, rate));
			case "W1_append_single_nofsync" -> Optional.of(minRate(25_000, rate));
			case "W2_index", "W3_rebuild", "W4_replicate" -> Optional.of(minRate(300_000, rate));
			case "U2_index" -> Optional.of(minRate(100_000, rate));
			case "U3_rebuild" -> Optional.of(n == BAR_N ? maxTime(10_000, ms)
					: new Bar("≥ 100,000/s (≤ 10 s at 1M, scaled)", rate.map(r -> r / 100_000), Optional.of(100_000.0)));
			case "W1_append_single" -> Optional.of(halfFsync(results, rate));
			case "W5_cold_open", "U5_cold_open" -> Optional.of(plainBootPlus(results, metric, n, ms));
			default -> metric.startsWith("X_heap_") ? Optional.of(flatHeap(results.select(Metric.OURS, metric, n)))
					: Optional.empty();
		};
	}

	/** The starter's cold open: within 300 ms of the plain Boot app's, same workload, same run. */
	private static Bar plainBootPlus(Results results, String metric, long n, Optional<Double> ms) {
		Optional<Double> plain = results.median(Metric.OURS, metric.charAt(0) + "5_plain_boot", n, Result::ms);
		if (plain.isEmpty()) {
			return new Bar("≤ plain Boot app + 300 ms (not measured)", Optional.empty(), Optional.empty());
		}
		double max = plain.get() + 300;
		return new Bar("≤ " + Format.time(max) + " (plain Boot " + Format.time(plain.get()) + " + 300 ms)",
				ms.filter(t -> t > 0).map(t -> max / t), Optional.empty());
	}

	private static Bar minRate(double min, Optional<Double> rate) {
		return new Bar("≥ " + Format.count(min) + "/s", rate.map(r -> r / min), Optional.of(min));
	}

	private static Bar maxTime(double maxMs, Optional<Double> ms) {
		return new Bar("≤ " + Format.time(maxMs), ms.filter(t -> t > 0).map(t -> maxMs / t), Optional.empty());
	}

	/** One acknowledged append per fsync: the bar is half the disk's append+fdatasync rate in the same run. */
	private static Bar halfFsync(Results results, Optional<Double> rate) {
		Optional<Double> fsync = results.median("machine", "M_fsync_append", Result::perSecond);
		if (fsync.isEmpty()) {
			return new Bar("≥ 50% of the disk's fsync rate (not measured)", Optional.empty(), Optional.empty());
		}
		double min = fsync.get() / 2;
		return new Bar("≥ " + Format.count(min) + "/s (50% of " + Format.count(fsync.get()) + " fsyncs/s)",
				rate.map(r -> r / min), Optional.of(min));
	}

	/** Flat when every run reported a flat heap (and at least one did). */
	private static Bar flatHeap(List<Result> runs) {
		List<Boolean> flat = runs.stream().map(r -> r.fields().get("heap_flat")).filter(Boolean.class::isInstance)
				.map(Boolean.class::cast).toList();
		Optional<Double> ratio = flat.isEmpty() ? Optional.empty()
				: Optional.of(flat.stream().allMatch(f -> f) ? 1.0 : 0.0);
		return new Bar("flat heap, runs with -Xmx256m", ratio, Optional.empty());
	}
}
