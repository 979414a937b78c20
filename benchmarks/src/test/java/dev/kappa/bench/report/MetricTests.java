package dev.kappa.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricTests {

	private static Metric metric(String name) {
		return Metric.COMPARED.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void oursIsTheMedianOverRepetitions() {
		Results results = Results.of(List.of(Lines.ours("W2_index", 100_000, 1000, 1),
				Lines.ours("W2_index", 100_000, 500, 2), Lines.ours("W2_index", 100_000, 2000, 3)));
		assertThat(metric("W2_index").ours(results, 100_000)).contains(100_000.0);
	}

	@Test
	void rateRatioIsOursOverTheFastestRival() {
		Results results = Results.of(List.of(Lines.ours("W2_index", 100_000, 500, 1),
				Lines.rival("kappa6-mem", "W2_index", 100_000, 4000, 1),
				Lines.rival("kappa6-level", "W2_index", 100_000, 10_000, 1)));
		// 200,000/s against the memdb view's 25,000/s
		assertThat(metric("W2_index").ratioToBestRival(results, 100_000).orElseThrow()).isCloseTo(8.0, within(1e-9));
	}

	@Test
	void timeRatioIsTheQuickestRivalsTimeOverOurs() {
		Results results = Results.of(List.of(Lines.ours("W5_cold_open", 1_000_000, 200, 1),
				Lines.rival("kappa6-level", "W5_cold_open", 1_000_000, 33, 1),
				Lines.rival("hypercore11", "W5_cold_open", 1_000_000, 408, 1)));
		assertThat(metric("W5_cold_open").ratioToBestRival(results, 1_000_000).orElseThrow()).isCloseTo(0.165, within(1e-9));
	}

	@Test
	void singleAppendsWithoutFsyncAreComparedWithTheRivalsSingleAppends() {
		Results results = Results.of(List.of(Lines.ours("W1_append_single_nofsync", 10_000, 250, 1),
				Lines.rival("hypercore11", "W1_append_single", 10_000, 2500, 1)));
		assertThat(metric("W1_append_single_nofsync").ratioToBestRival(results, 10_000).orElseThrow())
				.isCloseTo(10.0, within(1e-9));
	}

	@Test
	void noRatioWithoutARival() {
		Results results = Results.of(List.of(Lines.ours("W3_rebuild", 1_000_000, 5000, 1)));
		assertThat(metric("W3_rebuild").ratioToBestRival(results, 1_000_000)).isEmpty();
	}

	@Test
	void mediansAreTakenPerN() {
		Results results = Results.of(List.of(Lines.ours("W2_index", 100_000, 1000, 1),
				Lines.ours("W2_index", 1_000_000, 5000, 1)));
		assertThat(metric("W2_index").ours(results, 1_000_000)).contains(200_000.0);
		assertThat(results.ns("W2_index")).containsExactly(100_000L, 1_000_000L);
	}
}
