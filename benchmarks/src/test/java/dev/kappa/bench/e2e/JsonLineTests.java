package dev.kappa.bench.e2e;

import dev.kappa.bench.report.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLineTests {

	@Test
	void writesFieldsInOrderWithDoublesToOneDecimal() {
		String line = new JsonLine().put("stack", "kappa-spring").put("n", 100_000).put("ms", 812.3456).put("flat", true)
				.toString();
		assertThat(line).isEqualTo("{\"stack\":\"kappa-spring\",\"n\":100000,\"ms\":812.3,\"flat\":true}");
	}

	@Test
	void leavesOutNullValues() {
		assertThat(new JsonLine().put("a", 1).put("b", null).toString()).isEqualTo("{\"a\":1}");
	}

	@Test
	void escapesStrings() {
		String line = new JsonLine().put("stack", "s").put("metric", "m").put("reason", "a \"b\"\\c\nd\u0001").toString();
		assertThat(Result.parse(line).orElseThrow().string("reason")).contains("a \"b\"\\c\nd\u0001");
	}

	@Test
	void writesNonFiniteDoublesAsNull() {
		assertThat(new JsonLine().put("x", Double.NaN).toString()).isEqualTo("{\"x\":null}");
	}

	@Test
	void isReadBackByTheReportsParser() {
		String line = new JsonLine().put("system", "kappa-spring").put("stack", "kappa-spring").put("metric", "W2_index")
				.put("n", 1000L).put("ms", 10.0).put("per_s", 100_000L).toString();
		Result r = Result.parse(line).orElseThrow();
		assertThat(r.metric()).isEqualTo("W2_index");
		assertThat(r.perSecond()).contains(100_000.0);
	}
}
