package dev.kappa.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A horizontal bar chart, hand-written SVG: one group per throughput metric and N, one bar per system
 * (kappa-spring and the Node rivals), entries/s on a log scale, the PRODUCT.md bar as a dashed line.
 */
public final class SvgChart {

	private static final String[] SYSTEMS = { Metric.OURS, "kappa6-mem", "kappa6-level", "hypercore11" };

	private static final String[] LABELS = { "kappa-spring", "kappa-core 6 (memdb view)", "kappa-core 6 (level view)",
			"hypercore 11" };

	private static final String[] COLORS = { "#2b6cb0", "#ed8936", "#9c4221", "#38a169" };

	private static final int WIDTH = 960;

	private static final int X0 = 260;

	private static final int X1 = 840;

	private static final int BAR = 12;

	private static final int GAP = 3;

	private static final int GROUP_HEAD = 20;

	private static final int GROUP_GAP = 14;

	private static final int HEAD = 96;

	/** Characters per line of the caption and the warning (bold, about 7.5 px each at 12 px). */
	private static final int WRAP = 118;

	private SvgChart() {
	}

	private record Group(String title, String subtitle, List<Optional<Double>> values, Optional<Double> threshold) {
	}

	/**
	 * @param caption a line under the title (date, command)
	 * @param warning shown in bold red under the caption, wrapped (e.g. a smoke run); blank for none
	 */
	public static String render(Results results, String caption, String warning) {
		List<Group> groups = groups(results);
		List<String> warningLines = warning.isBlank() ? List.of() : wrap(warning, WRAP);
		double min = Double.MAX_VALUE;
		double max = 0;
		for (Group g : groups) {
			for (Optional<Double> v : g.values()) {
				if (v.isPresent() && v.get() > 0) {
					min = Math.min(min, v.get());
					max = Math.max(max, v.get());
				}
			}
			if (g.threshold().isPresent()) {
				min = Math.min(min, g.threshold().get());
				max = Math.max(max, g.threshold().get());
			}
		}
		int lo = max == 0 ? 2 : (int) Math.floor(Math.log10(min));
		int hi = max == 0 ? 6 : Math.max(lo + 1, (int) Math.ceil(Math.log10(max)));
		int groupHeight = GROUP_HEAD + SYSTEMS.length * (BAR + GAP) + GROUP_GAP;
		int shift = 16 * warningLines.size();
		int top = HEAD + shift;
		int plotBottom = top + groups.size() * groupHeight;
		int height = plotBottom + 40;

		StringBuilder svg = new StringBuilder();
		svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		svg.append(String.format(Locale.US,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format(Locale.US, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
		svg.append("<text x=\"16\" y=\"24\" font-size=\"16\" font-weight=\"bold\">kv-N: entries per second, log scale "
				+ "(higher is better)</text>\n");
		svg.append("<text x=\"16\" y=\"42\" fill=\"#555555\">").append(escape(caption)).append("</text>\n");
		for (int i = 0; i < warningLines.size(); i++) {
			svg.append(String.format(Locale.US, "<text x=\"16\" y=\"%d\" fill=\"#c53030\" font-weight=\"bold\">%s</text>%n",
					58 + 16 * i, escape(warningLines.get(i))));
		}
		int legend = 64 + shift;
		int lx = 16;
		for (int s = 0; s < SYSTEMS.length; s++) {
			svg.append(String.format(Locale.US, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", lx,
					legend - 10, COLORS[s]));
			svg.append(String.format(Locale.US, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 16, legend, escape(LABELS[s])));
			lx += 30 + LABELS[s].length() * 7;
		}
		svg.append(String.format(Locale.US,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c53030\" stroke-dasharray=\"4 3\"/>%n", lx,
				legend - 5, lx + 22, legend - 5));
		svg.append(String.format(Locale.US, "<text x=\"%d\" y=\"%d\">bar (PRODUCT.md)</text>%n", lx + 28, legend));

		for (int e = lo; e <= hi; e++) {
			double x = x(Math.pow(10, e), lo, hi);
			svg.append(String.format(Locale.US,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e2e8f0\"/>%n", x, top - 8, x, plotBottom));
			svg.append(String.format(Locale.US, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555555\">%s</text>%n",
					x, top - 12, escape(decade(e))));
			svg.append(String.format(Locale.US, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555555\">%s</text>%n",
					x, plotBottom + 16, escape(decade(e))));
		}

		int y = top;
		for (Group g : groups) {
			svg.append(String.format(Locale.US, "<text x=\"16\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 14,
					escape(g.title())));
			svg.append(String.format(Locale.US, "<text x=\"16\" y=\"%d\" fill=\"#555555\">%s</text>%n", y + 30,
					escape(g.subtitle())));
			int by = y + GROUP_HEAD;
			for (int s = 0; s < SYSTEMS.length; s++) {
				Optional<Double> v = g.values().get(s);
				if (v.isPresent() && v.get() > 0) {
					double x = x(v.get(), lo, hi);
					svg.append(String.format(Locale.US,
							"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s/s</title></rect>%n",
							X0, by, Math.max(1, x - X0), BAR, COLORS[s], escape(LABELS[s]), Format.count(v.get())));
					svg.append(String.format(Locale.US, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%s/s</text>%n", x + 4,
							by + BAR - 2, Format.count(v.get())));
				}
				else {
					svg.append(String.format(Locale.US,
							"<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#999999\">not measured</text>%n", X0 + 4,
							by + BAR - 2));
				}
				by += BAR + GAP;
			}
			if (g.threshold().isPresent()) {
				double x = x(g.threshold().get(), lo, hi);
				svg.append(String.format(Locale.US,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c53030\" stroke-width=\"1.5\" "
								+ "stroke-dasharray=\"4 3\"/>%n",
						x, y + GROUP_HEAD - 3, x, by));
			}
			y += groupHeight;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static List<Group> groups(Results results) {
		List<Group> groups = new ArrayList<>();
		for (MarkdownReport.Row row : MarkdownReport.rows(results)) {
			Metric m = row.metric();
			if (!m.rate()) {
				continue;
			}
			List<Optional<Double>> values = new ArrayList<>();
			values.add(m.ours(results, row.n()));
			for (int s = 1; s < SYSTEMS.length; s++) {
				values.add(m.rival(results, SYSTEMS[s], row.n()));
			}
			Optional<Bar> bar = Bar.of(m.name(), row.n(), results);
			groups.add(new Group(m.name() + ", N = " + Format.count(row.n()), m.label(), values,
					bar.flatMap(Bar::threshold)));
		}
		return groups;
	}

	/** Splits {@code text} at spaces into lines of at most {@code width} characters (longer words stay whole). */
	static List<String> wrap(String text, int width) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : text.trim().split("\\s+")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > width) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() > 0 ? " " : "").append(word);
		}
		if (line.length() > 0) {
			lines.add(line.toString());
		}
		return lines;
	}

	private static double x(double value, int lo, int hi) {
		double position = (Math.log10(Math.max(value, Math.pow(10, lo))) - lo) / (hi - lo);
		return X0 + Math.min(1, position) * (X1 - X0);
	}

	private static String decade(int e) {
		double v = Math.pow(10, e);
		return v >= 1e6 ? Format.count(v / 1e6) + "M" : v >= 1e3 ? Format.count(v / 1e3) + "k" : Format.count(v);
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}
}
