package dev.kappa.bench.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTests {

	private static Document parse(String svg) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

	private static Results sample() {
		return Results.of(List.of(Lines.ours("W1_append_b1000", 100_000, 250, 1), Lines.ours("W2_index", 100_000, 800, 1),
				Lines.ours("W5_cold_open", 100_000, 300, 1), Lines.rival("kappa6-mem", "W1_append_b1000", 100_000, 490, 1),
				Lines.rival("kappa6-level", "W2_index", 100_000, 14_700, 1),
				Lines.rival("hypercore11", "W1_append_b1000", 100_000, 1190, 1)));
	}

	@Test
	void isWellFormedSvg() throws Exception {
		Document doc = parse(SvgChart.render(sample(), "2026-11-25", "smoke run"));
		Element root = doc.getDocumentElement();
		assertThat(root.getLocalName()).isEqualTo("svg");
		assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
		assertThat(root.getAttribute("viewBox")).isNotBlank();
	}

	@Test
	void drawsOneBarPerMeasuredFigureOfEachThroughputMetric() throws Exception {
		Document doc = parse(SvgChart.render(sample(), "caption", ""));
		NodeList titles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
		List<String> bars = new java.util.ArrayList<>();
		for (int i = 0; i < titles.getLength(); i++) {
			bars.add(titles.item(i).getTextContent());
		}
		// W1 (ours, memdb, hypercore) and W2 (ours, level); cold open is a time and is not charted
		assertThat(bars).containsExactlyInAnyOrder("kappa-spring: 400,000/s", "kappa-core 6 (memdb view): 204,082/s",
				"hypercore 11: 84,034/s", "kappa-spring: 125,000/s", "kappa-core 6 (level view): 6,803/s");
	}

	@Test
	void escapesTextInTheCaption() throws Exception {
		Document doc = parse(SvgChart.render(sample(), "busy <machine> & \"noisy\"", "a <warning> & more"));
		assertThat(doc.getDocumentElement().getTextContent()).contains("busy <machine> & \"noisy\"").contains("a <warning> & more");
	}

	@Test
	void theScaleReachesDownToABarBelowEveryFigure() throws Exception {
		Results results = Results.of(List.of(Lines.ours("W1_append_single", 10_000, 2000, 1),
				Lines.limit("M_fsync_append", 1400)));
		// 5,000/s measured, the bar at 700/s: the axis starts at 100/s, not 1k
		assertThat(SvgChart.render(results, "c", "")).contains(">100</text>");
	}

	@Test
	void wrapsLongWarningsAtSpaces() {
		assertThat(SvgChart.wrap("one two three four", 9)).containsExactly("one two", "three", "four");
		assertThat(SvgChart.wrap("averyveryverylongword x", 5)).containsExactly("averyveryverylongword", "x");
	}

	@Test
	void anEmptyRunIsStillWellFormed() throws Exception {
		assertThat(parse(SvgChart.render(Results.of(List.of()), "nothing", "")).getDocumentElement().getLocalName())
				.isEqualTo("svg");
	}
}
