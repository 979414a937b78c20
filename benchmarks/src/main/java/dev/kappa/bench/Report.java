package dev.kappa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.bench.report.Markers;
import dev.kappa.bench.report.MarkdownReport;
import dev.kappa.bench.report.Results;
import dev.kappa.bench.report.RunInfo;
import dev.kappa.bench.report.SvgChart;

/**
 * Turns raw JSON result lines (both systems) into the report: the results block of a markdown file, written
 * between {@code <!-- results:start -->} and {@code <!-- results:end -->} (a missing file is created with just
 * the block), and an SVG chart.
 *
 * <pre>
 * java -cp benchmarks.jar dev.kappa.bench.Report --md docs/benchmarks.md --svg docs/benchmarks.svg \
 *     [--machine machine.txt] [--command "benchmarks/run 100000"] [--note "..."] raw-*.jsonl
 * </pre>
 *
 * The machine file holds {@code key: value} lines, in the order shown. The block is also printed.
 */
public final class Report {

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new LinkedHashMap<>();
		List<Path> raw = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].startsWith("--") && i + 1 < args.length) {
				options.put(args[i].substring(2), args[++i]);
			}
			else {
				raw.add(Path.of(args[i]));
			}
		}
		if (raw.isEmpty() || !options.containsKey("md")) {
			System.err.println("usage: Report --md FILE [--svg FILE] [--machine FILE] [--command TEXT] [--note TEXT] RAW.jsonl...");
			System.exit(2);
		}
		Results results = Results.read(raw);
		Path md = Path.of(options.get("md"));
		Path svg = options.containsKey("svg") ? Path.of(options.get("svg")) : null;
		String chart = svg == null ? ""
				: md.toAbsolutePath().getParent().relativize(svg.toAbsolutePath()).toString().replace('\\', '/');
		RunInfo run = new RunInfo(options.getOrDefault("command", "benchmarks/run"),
				options.getOrDefault("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))),
				options.getOrDefault("note", ""), machine(options.get("machine")), chart);
		String block = MarkdownReport.render(results, run);
		if (svg != null) {
			Files.writeString(svg, SvgChart.render(results, run.date() + ": " + run.command(), run.note()),
					StandardCharsets.UTF_8);
		}
		String document = Files.exists(md) ? Files.readString(md, StandardCharsets.UTF_8)
				: Markers.START + "\n" + Markers.END + "\n";
		Files.writeString(md, Markers.replace(document, block), StandardCharsets.UTF_8);
		System.out.print(block);
	}

	private static Map<String, String> machine(String file) throws IOException {
		Map<String, String> machine = new LinkedHashMap<>();
		if (file == null) {
			return machine;
		}
		for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.substring(colon + 1).isBlank()) {
				machine.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
		}
		return machine;
	}
}
