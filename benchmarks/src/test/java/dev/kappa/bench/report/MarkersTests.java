package dev.kappa.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarkersTests {

	private static final String DOC = "# Benchmarks\n\nintro\n\n<!-- results:start -->\nold table\n<!-- results:end -->\n\n## Optimisations\n";

	@Test
	void replacesWhatLiesBetweenTheMarkersAndKeepsTheRest() {
		String out = Markers.replace(DOC, "| new | table |\n");
		assertThat(out).isEqualTo(
				"# Benchmarks\n\nintro\n\n<!-- results:start -->\n| new | table |\n<!-- results:end -->\n\n## Optimisations\n");
	}

	@Test
	void replacingTwiceGivesTheSameDocument() {
		String once = Markers.replace(DOC, "body");
		assertThat(Markers.replace(once, "body")).isEqualTo(once);
	}

	@Test
	void endsTheContentWithANewline() {
		assertThat(Markers.replace(DOC, "x")).contains("<!-- results:start -->\nx\n<!-- results:end -->");
	}

	@Test
	void refusesADocumentWithoutMarkers() {
		assertThatIllegalArgumentException().isThrownBy(() -> Markers.replace("# nothing here\n", "x"))
				.withMessageContaining("results:start");
	}

	@Test
	void refusesRepeatedMarkers() {
		assertThatIllegalArgumentException().isThrownBy(() -> Markers.replace(DOC + DOC, "x"))
				.withMessageContaining("once");
	}

	@Test
	void refusesMarkersInTheWrongOrder() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Markers.replace("<!-- results:end -->\n<!-- results:start -->\n", "x"))
				.withMessageContaining("before");
	}
}
