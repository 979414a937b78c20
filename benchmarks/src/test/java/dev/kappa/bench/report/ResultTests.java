package dev.kappa.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTests {

	@Test
	void readsKappaSpringLines() {
		Result r = Result.parse(Lines.ours("W2_index", 100_000, 800, 2)).orElseThrow();
		assertThat(r.stack()).isEqualTo("kappa-spring");
		assertThat(r.metric()).isEqualTo("W2_index");
		assertThat(r.n()).isEqualTo(100_000);
		assertThat(r.ms()).contains(800.0);
		assertThat(r.perSecond()).contains(125_000.0);
		assertThat(r.rssMb()).contains(90.0);
		assertThat(r.rep()).isEqualTo(2);
	}

	@Test
	void readsNodeAnchorLines() {
		Result r = Result.parse("{\"stack\":\"kappa6-level\",\"metric\":\"W2_index\",\"n\":100000,\"ms\":14705.9,"
				+ "\"per_s\":6800,\"rss_mb\":210,\"rep\":1,\"load1\":0.31}").orElseThrow();
		assertThat(r.stack()).isEqualTo("kappa6-level");
		assertThat(r.perSecond()).contains(6800.0);
		assertThat(r.ms()).contains(14705.9);
		assertThat(r.rssMb()).contains(210.0);
		assertThat(r.number("load1")).contains(0.31);
	}

	@Test
	void readsNodeRssLinesWithTheServersRss() {
		Result r = Result.parse("{\"stack\":\"hypercore11\",\"metric\":\"rss_replicate\",\"n\":100000,\"rss_mb\":136,"
				+ "\"rss_mb_server\":174,\"rep\":3,\"load1\":0.1}").orElseThrow();
		assertThat(r.metric()).isEqualTo("rss_replicate");
		assertThat(r.ms()).isEmpty();
		assertThat(r.rssMb()).contains(136.0);
		assertThat(r.number("rss_mb_server")).contains(174.0);
	}

	@Test
	void fallsBackToTheKappaSpringFieldNames() {
		Result r = Result.parse("{\"system\":\"kappa-spring\",\"metric\":\"W2_index\",\"n\":10,\"ms\":1.0,"
				+ "\"entries_per_s\":10000,\"peak_rss_mb\":80}").orElseThrow();
		assertThat(r.stack()).isEqualTo("kappa-spring");
		assertThat(r.perSecond()).contains(10000.0);
		assertThat(r.rssMb()).contains(80.0);
		assertThat(r.rep()).isZero();
	}

	@Test
	void readsTheRunnersFailureLines() {
		Result r = Result.parse("{\"stack\":\"kappa6-mem\",\"metric\":\"FAILED\",\"phase\":\"replicate\",\"n\":100000,"
				+ "\"rep\":1,\"rc\":124}").orElseThrow();
		assertThat(r.metric()).isEqualTo("FAILED");
		assertThat(r.string("phase")).contains("replicate");
		assertThat(r.string("rc")).contains("124");
	}

	@Test
	void skipsLinesThatAreNotResults() {
		assertThat(Result.parse("[main] INFO com.zaxxer.hikari.HikariDataSource - Starting...")).isEmpty();
		assertThat(Result.parse("")).isEmpty();
		assertThat(Result.parse("{\"stack\":\"x\"}")).isEmpty();
		assertThat(Result.parse("{not json")).isEmpty();
	}

	@Test
	void skipsNullFields() {
		Result r = Result.parse("{\"stack\":\"s\",\"metric\":\"m\",\"n\":1,\"ms\":null}").orElseThrow();
		assertThat(r.ms()).isEmpty();
	}

	@Test
	void aRivalsLineWithKeysNIsTheUniqueNMetric() {
		assertThat(Result.workloadMetric("W2_index", 1_000_000)).isEqualTo("U2_index");
		assertThat(Result.workloadMetric("rss_main", 1_000_000)).isEqualTo("U_rss_main");
		assertThat(Result.workloadMetric("W2_index", 10_000)).isEqualTo("W2_index");
		assertThat(Result.workloadMetric("W2_index", null)).isEqualTo("W2_index");
		assertThat(Result.parse("{\"stack\":\"hypercore11\",\"metric\":\"W1_append_b1000\",\"n\":1000,\"keys\":1000}")
			.orElseThrow().metric()).isEqualTo("U1_append_b1000");
	}
}
