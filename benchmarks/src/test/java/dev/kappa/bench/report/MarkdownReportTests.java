package dev.kappa.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	private static RunInfo run(String note) {
		Map<String, String> machine = new LinkedHashMap<>();
		machine.put("cpus:", "2");
		machine.put("kernel:", "6.1");
		return new RunInfo("REPS=1 benchmarks/run 100000", "2026-11-25 04:00 UTC", note, machine, "benchmarks.svg");
	}

	@Test
	void tabulatesBothSystemsWithTheRatioAndTheBar() {
		Results results = Results.of(List.of(Lines.ours("W2_index", 100_000, 500, 1), Lines.ours("W2_index", 100_000, 1000, 2),
				Lines.ours("W2_index", 100_000, 800, 3), Lines.rival("kappa6-mem", "W2_index", 100_000, 3448, 1),
				Lines.rival("kappa6-level", "W2_index", 100_000, 5555, 1)));
		String md = MarkdownReport.render(results, run(""));
		assertThat(md).contains("| W2_index | 100,000 | 125,000/s, 800 ms (x3) | 0.50 | 29,002/s (x1) / 18,002/s (x1) | – "
				+ "| 4.31× | – | – | ≥ 300,000/s | **no** (0.42×) |");
		assertThat(md).contains("REPS=3, medians");
		assertThat(md).contains("`REPS=1 benchmarks/run 100000`").contains("2026-11-25 04:00 UTC");
		assertThat(md).contains("![kappa-spring and the Node rivals, entries/s, log scale](benchmarks.svg)");
	}

	@Test
	void showsTheNoteInBoldAndWarnsAboutFewRepetitions() {
		String md = MarkdownReport.render(Results.of(List.of(Lines.ours("W2_index", 100_000, 500, 1))),
				run("Smoke run (REPS=1, machine busy)"));
		assertThat(md).contains("> **Smoke run (REPS=1, machine busy)**");
		assertThat(md).contains("REPS=1 (fewer than 3 repetitions: not a measurement)");
	}

	@Test
	void listsTheMachineLimits() {
		String md = MarkdownReport.render(Results.of(List.of(Lines.limit("M_fsync_append", 2000),
				Lines.limit("M_ed25519_verify", 15_000))), run(""));
		assertThat(md).contains("| append 150 bytes + fdatasync, storage dir | 2,000 | 1 |")
				.contains("| Ed25519 verifies/s (Bouncy Castle) | 15,000 | 1 |");
	}

	@Test
	void listsFailuresAndSkippedWorkloads() {
		String md = MarkdownReport.render(Results.of(List.of(
				"{\"stack\":\"hypercore11\",\"metric\":\"FAILED\",\"phase\":\"replicate\",\"n\":100000,\"rep\":1,\"rc\":124}",
				"{\"system\":\"kappa-spring\",\"stack\":\"kappa-spring\",\"workload\":\"replicate\",\"metric\":\"SKIPPED\","
						+ "\"reason\":\"this build has no dev.kappa.internal.replication\",\"rep\":1}",
				Lines.rival("hypercore11", "W4_replicate", 100_000, 16_000, 1))), run(""));
		assertThat(md).contains("- FAILED: hypercore11 `replicate` n=100000 rep=1 rc=124");
		assertThat(md).contains("- skipped: kappa-spring replicate: this build has no dev.kappa.internal.replication");
		// the rival's figure is still shown where ours was skipped
		assertThat(md).contains("| W4_replicate | 100,000 | – | – | – / – | 6,250/s (x1) |");
	}

	@Test
	void tabulatesUniqueNAgainstTheRivalsKeysNLinesAndTheH2Limit() {
		Results results = Results.of(List.of(Lines.ours("U2_index", 1_000_000, 8000, 1).replace("\"rep\"", "\"keys\":1000000,\"rep\""),
				Lines.rival("kappa6-level", "W2_index", 1_000_000, 100_000, 1).replace("\"rep\"", "\"keys\":1000000,\"rep\""),
				Lines.rival("kappa6-level", "W2_index", 1_000_000, 50_000, 1),
				Lines.limit("M_h2_insert_then_index", 250_000)));
		String md = MarkdownReport.render(results, run(""));
		assertThat(md).contains("| U2_index | 1,000,000 | 125,000/s, 8000 ms (x1) | 0.50 | – / 10,000/s (x1) | – | 13× "
				+ "| 250,000/s (H2: JDBC inserts, then the index built) | 0.50× | ≥ 100,000/s | yes (1.25×) |");
		assertThat(md).doesNotContain("20,000/s"); // the kv-N line (no keys field) is not unique-N's
	}

	@Test
	void statesTheHeapLimitOurPhasesRanWith() {
		Results limited = Results.of(List.of(Lines.ours("W2_index", 1_000, 10, 1).replace("\"rep\":1", "\"heap_max_mb\":256,\"rep\":1")));
		assertThat(MarkdownReport.heapLimits(limited)).isEqualTo("heap limit 256 MB");
		assertThat(MarkdownReport.heapLimits(Results.of(List.of(Lines.ours("W2_index", 1_000, 10, 1)))))
			.isEqualTo("heap limit not recorded");
	}
}
