package dev.kappa.bench.report;

import java.util.Locale;

/** Result lines as the two systems print them. */
final class Lines {

	private Lines() {
	}

	/** A kappa-spring phase line (Emit.metric). */
	static String ours(String metric, long n, double ms, int rep) {
		long perS = Math.round(n / (ms / 1000));
		return String.format(Locale.US, "{\"system\":\"kappa-spring\",\"stack\":\"kappa-spring\",\"workload\":\"w\","
				+ "\"metric\":\"%s\",\"n\":%d,\"ms\":%.1f,\"entries_per_s\":%d,\"per_s\":%d,\"peak_rss_mb\":90,"
				+ "\"rss_mb\":90,\"heap_peak_mb\":32,\"heap_after_gc_max_mb\":11,\"rep\":%d,\"load1\":0.5}",
				metric, n, ms, perS, perS, rep);
	}

	/** A Node anchor line (lib.js emit). */
	static String rival(String stack, String metric, long n, double ms, int rep) {
		return String.format(Locale.US, "{\"stack\":\"%s\",\"metric\":\"%s\",\"n\":%d,\"ms\":%.1f,\"per_s\":%d,"
				+ "\"rss_mb\":150,\"rep\":%d,\"load1\":0.7}", stack, metric, n, ms, Math.round(n / (ms / 1000)), rep);
	}

	static String limit(String metric, long perS) {
		return "{\"system\":\"kappa-spring\",\"stack\":\"machine\",\"workload\":\"machine-limit\",\"metric\":\"" + metric
				+ "\",\"n\":" + perS * 2 + ",\"ms\":2000.0,\"per_s\":" + perS + ",\"rep\":1,\"load1\":0.2}";
	}
}
