package dev.kappa.bench.report;

import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON result line, from either system: kappa-spring's phases ({@code system}, {@code workload},
 * {@code entries_per_s}, {@code peak_rss_mb}, and the anchor-compatible fields) or the Node anchors' lib.js
 * ({@code stack}, {@code metric}, {@code n}, {@code ms}, {@code per_s}, {@code rss_mb}, {@code rep}); the
 * anchor-compatible fields are read, so one parser reads both.
 *
 * @param stack who measured: {@code kappa-spring}, {@code machine} (a machine limit), {@code kappa6-mem},
 * {@code kappa6-level}, {@code hypercore11}, ...
 * @param metric e.g. {@code W1_append_b1000}, {@code rss_main}, {@code FAILED}, {@code SKIPPED}
 * @param n entries (or operations) measured; 0 if absent
 * @param fields every field of the line
 */
public record Result(String stack, String metric, long n, Map<String, Object> fields) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The line as a result, or empty if it is not a JSON object with a stack (or system) and a metric. */
	@SuppressWarnings("unchecked")
	public static Optional<Result> parse(String line) {
		String trimmed = line.trim();
		if (!trimmed.startsWith("{")) {
			return Optional.empty();
		}
		Map<String, Object> fields;
		try {
			fields = JSON.readValue(trimmed, Map.class);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		Object stack = fields.containsKey("stack") ? fields.get("stack") : fields.get("system");
		Object metric = fields.get("metric");
		if (!(stack instanceof String) || !(metric instanceof String)) {
			return Optional.empty();
		}
		Object n = fields.get("n");
		return Optional.of(new Result((String) stack, workloadMetric((String) metric, fields.get("keys")),
				n instanceof Number number ? number.longValue() : 0,
				Map.copyOf(withoutNulls(fields))));
	}

	/**
	 * The metric's name in its workload: a W metric of a line whose {@code keys} is not kv-N's 10,000 (the
	 * anchors' unique-N, {@code KEYS=N}) is the unique-N metric, with a U for the W; its {@code rss_} lines get a
	 * {@code U_} prefix.
	 */
	static String workloadMetric(String metric, Object keys) {
		boolean unique = keys instanceof Number k && k.longValue() != KV_KEYS;
		if (unique && metric.startsWith("W")) {
			return "U" + metric.substring(1);
		}
		return unique && metric.startsWith("rss_") ? "U_" + metric : metric;
	}

	/** kv-N's distinct keys. */
	static final long KV_KEYS = 10_000;

	private static Map<String, Object> withoutNulls(Map<String, Object> fields) {
		fields.values().removeIf(java.util.Objects::isNull);
		return fields;
	}

	/** A numeric field, or empty. */
	public Optional<Double> number(String name) {
		return this.fields.get(name) instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
	}

	public Optional<String> string(String name) {
		Object value = this.fields.get(name);
		return value == null ? Optional.empty() : Optional.of(value.toString());
	}

	public Optional<Double> ms() {
		return number("ms");
	}

	/** Entries (or operations) per second: {@code per_s}, else {@code entries_per_s}. */
	public Optional<Double> perSecond() {
		return number("per_s").or(() -> number("entries_per_s"));
	}

	/** Peak RSS in MB: {@code rss_mb}, else {@code peak_rss_mb}. */
	public Optional<Double> rssMb() {
		return number("rss_mb").or(() -> number("peak_rss_mb"));
	}

	public int rep() {
		return number("rep").map(Double::intValue).orElse(0);
	}
}
