package dev.kappa.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BarTests {

	@Test
	void appendInBatchesMeetsItsBarAt300kPerSecond() {
		Bar bar = Bar.of("W1_append_b1000", 100_000, Results.of(List.of(Lines.ours("W1_append_b1000", 100_000, 250, 1))))
				.orElseThrow();
		assertThat(bar.text()).isEqualTo("≥ 300,000/s");
		assertThat(bar.ratio().orElseThrow()).isCloseTo(400_000 / 300_000.0, within(1e-9));
		assertThat(bar.met()).isTrue();
		assertThat(bar.threshold()).contains(300_000.0);
	}

	@Test
	void indexingBelowItsBarDoesNotMeetIt() {
		Bar bar = Bar.of("W2_index", 100_000, Results.of(List.of(Lines.ours("W2_index", 100_000, 2000, 1)))).orElseThrow();
		assertThat(bar.text()).isEqualTo("≥ 300,000/s");
		assertThat(bar.ratio().orElseThrow()).isCloseTo(50_000 / 300_000.0, within(1e-9));
		assertThat(bar.met()).isFalse();
	}

	@Test
	void singleAppendsWithFsyncAreHeldToHalfTheMeasuredFsyncRate() {
		Results results = Results.of(List.of(Lines.ours("W1_append_single", 10_000, 10_000, 1),
				Lines.limit("M_fsync_append", 1000), Lines.limit("M_fsync_append", 3000), Lines.limit("M_fsync_append", 2000)));
		Bar bar = Bar.of("W1_append_single", 10_000, results).orElseThrow();
		assertThat(bar.text()).isEqualTo("≥ 1,000/s (50% of 2,000 fsyncs/s)");
		assertThat(bar.met()).isTrue();
		assertThat(bar.ratio().orElseThrow()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void singleAppendsWithoutAFsyncMeasurementCannotBeJudged() {
		Bar bar = Bar.of("W1_append_single", 10_000, Results.of(List.of(Lines.ours("W1_append_single", 10_000, 1000, 1))))
				.orElseThrow();
		assertThat(bar.ratio()).isEmpty();
		assertThat(bar.met()).isFalse();
	}

	@Test
	void rebuildIsATimeBarAtOneMillion() {
		Bar bar = Bar.of("U3_rebuild", 1_000_000, Results.of(List.of(Lines.ours("U3_rebuild", 1_000_000, 20_000, 1))))
				.orElseThrow();
		assertThat(bar.text()).isEqualTo("≤ 10.0 s");
		assertThat(bar.ratio().orElseThrow()).isCloseTo(0.5, within(1e-9));
		assertThat(bar.met()).isFalse();
	}

	@Test
	void rebuildAtOtherSizesIsHeldToTheScaledRate() {
		Bar bar = Bar.of("U3_rebuild", 100_000, Results.of(List.of(Lines.ours("U3_rebuild", 100_000, 500, 1))))
				.orElseThrow();
		assertThat(bar.ratio().orElseThrow()).isCloseTo(2.0, within(1e-9));
		assertThat(bar.met()).isTrue();
	}

	@Test
	void coldOpenIsHeldToThePlainBootAppOfTheSameRunPlus300Ms() {
		Results results = Results.of(List.of(Lines.ours("U5_cold_open", 1_000_000, 1800, 1),
				Lines.ours("U5_plain_boot", 1_000_000, 1600, 1), Lines.ours("W5_plain_boot", 1_000_000, 900, 1)));
		Bar bar = Bar.of("U5_cold_open", 1_000_000, results).orElseThrow();
		assertThat(bar.text()).isEqualTo("≤ 1900 ms (plain Boot 1600 ms + 300 ms)");
		assertThat(bar.ratio().orElseThrow()).isCloseTo(1900 / 1800.0, within(1e-9));
		assertThat(bar.met()).isTrue();
		assertThat(Bar.of("W5_cold_open", 1_000_000, results).orElseThrow().ratio()).isEmpty();
	}

	@Test
	void flatHeapRunsMeetTheirBarOnlyWhenEveryRunWasFlat() {
		String flat = "{\"stack\":\"kappa-spring\",\"metric\":\"X_heap_index\",\"n\":10000000,\"ms\":90000,\"heap_flat\":true,\"rep\":1}";
		String growing = flat.replace("true", "false").replace("\"rep\":1", "\"rep\":2");
		assertThat(Bar.of("X_heap_index", 10_000_000, Results.of(List.of(flat))).orElseThrow().met()).isTrue();
		assertThat(Bar.of("X_heap_index", 10_000_000, Results.of(List.of(flat, growing))).orElseThrow().met()).isFalse();
	}

	@Test
	void metricsWithoutABarHaveNone() {
		assertThat(Bar.of("rss_main", 100_000, Results.of(List.of()))).isEmpty();
	}
}
