package dev.kappa.bench.report;

import java.util.Collection;
import java.util.Optional;

/** Medians, as the anchors' summarize.js takes them: the middle value, or the mean of the two middle ones. */
public final class Stats {

	private Stats() {
	}

	public static Optional<Double> median(Collection<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		if (sorted.length == 0) {
			return Optional.empty();
		}
		int middle = sorted.length / 2;
		return Optional.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
	}
}
