package dev.kappa.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/** All result lines of a run, and their medians over repetitions. */
public final class Results {

	private final List<Result> all;

	public Results(Collection<Result> results) {
		this.all = List.copyOf(results);
	}

	/** Reads every result line of the given files; other lines (logs, blank) are skipped. */
	public static Results read(Collection<Path> files) throws IOException {
		List<Result> results = new ArrayList<>();
		for (Path file : files) {
			for (String line : Files.readAllLines(file)) {
				Result.parse(line).ifPresent(results::add);
			}
		}
		return new Results(results);
	}

	public static Results of(List<String> lines) {
		return new Results(lines.stream().flatMap(l -> Result.parse(l).stream()).toList());
	}

	public List<Result> all() {
		return this.all;
	}

	public List<Result> select(String stack, String metric, long n) {
		return this.all.stream().filter(r -> r.stack().equals(stack) && r.metric().equals(metric) && r.n() == n).toList();
	}

	/** Lines of a metric whatever their n (machine limits). */
	public List<Result> select(String stack, String metric) {
		return this.all.stream().filter(r -> r.stack().equals(stack) && r.metric().equals(metric)).toList();
	}

	/** The median of {@code value} over the matching lines that have it. */
	public Optional<Double> median(String stack, String metric, long n, Function<Result, Optional<Double>> value) {
		return Stats.median(select(stack, metric, n).stream().flatMap(r -> value.apply(r).stream()).toList());
	}

	public Optional<Double> median(String stack, String metric, Function<Result, Optional<Double>> value) {
		return Stats.median(select(stack, metric).stream().flatMap(r -> value.apply(r).stream()).toList());
	}

	/** The n values a metric was measured at, by any stack, ascending. */
	public List<Long> ns(String metric) {
		return new ArrayList<>(new TreeSet<>(this.all.stream().filter(r -> r.metric().equals(metric)).map(Result::n).toList()));
	}

	public List<Result> withMetric(String metric) {
		return this.all.stream().filter(r -> r.metric().equals(metric)).toList();
	}

	/** The 1-minute load averages at process starts. */
	public List<Double> loads() {
		return this.all.stream().flatMap(r -> r.number("load1").stream()).filter(l -> l >= 0).toList();
	}

	public int maxRep() {
		return this.all.stream().mapToInt(Result::rep).max().orElse(0);
	}
}
