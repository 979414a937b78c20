package dev.kappa.bench.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTests {

	@Test
	void medianOfAnOddCountIsTheMiddleValue() {
		assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).contains(5.0);
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
		assertThat(Stats.median(List.of(4.0, 1.0, 10.0, 2.0))).contains(3.0);
	}

	@Test
	void medianOfOneValueIsThatValue() {
		assertThat(Stats.median(List.of(7.5))).contains(7.5);
	}

	@Test
	void medianOfNothingIsEmpty() {
		assertThat(Stats.median(List.of())).isEmpty();
	}
}
