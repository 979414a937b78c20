package dev.kappa.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prints results as JSON lines on stdout, one per metric, readable by the same parser as the Node anchors'
 * lines: {@code system}/{@code workload}/{@code entries_per_s}/{@code peak_rss_mb} and the anchors' own
 * {@code stack}/{@code metric}/{@code per_s}/{@code rss_mb}, plus {@code rep} (from the REP environment variable)
 * and {@code load1} (the 1-minute load average when the process started).
 */
public final class Emit {

	public static final String SYSTEM = "kappa-spring";

	private static final double LOAD1 = load1();

	private Emit() {
	}

	/** A timed metric over {@code n} entries; {@code rate} false for metrics that are a time only (cold open). */
	public static void metric(String workload, String metric, long n, double ms, boolean rate, Map<String, ?> extra) {
		JsonLine line = new JsonLine().put("system", SYSTEM).put("stack", SYSTEM).put("workload", workload)
				.put("metric", metric).put("n", n).put("ms", ms);
		if (rate && ms > 0) {
			long perSecond = Math.round(n / (ms / 1000.0));
			line.put("entries_per_s", perSecond).put("per_s", perSecond);
		}
		long rss = ProcessStats.peakRssMb();
		line.put("peak_rss_mb", rss).put("rss_mb", rss)
				.put("heap_peak_mb", ProcessStats.heapPeakMb())
				.put("heap_after_gc_max_mb", ProcessStats.heapAfterGcMaxMb())
				.put("heap_max_mb", ProcessStats.maxHeapMb())
				.put("process_cpu_ms", ProcessStats.processCpuMs());
		print(line.putAll(extra));
	}

	/** A machine limit: {@code count} operations in {@code ms}. */
	static void limit(String metric, long count, double ms, Map<String, ?> extra) {
		print(new JsonLine().put("system", SYSTEM).put("stack", "machine").put("workload", "machine-limit")
				.put("metric", metric).put("n", count).put("ms", ms).put("per_s", Math.round(count / (ms / 1000.0)))
				.putAll(extra));
	}

	/** A workload this build cannot run, with the reason. */
	static void skipped(String workload, String reason) {
		print(new JsonLine().put("system", SYSTEM).put("stack", SYSTEM).put("workload", workload).put("metric", "SKIPPED")
				.put("reason", reason));
	}

	private static void print(JsonLine line) {
		line.put("rep", rep()).put("load1", LOAD1);
		System.out.println(line);
		System.out.flush();
	}

	private static int rep() {
		String rep = System.getenv("REP");
		try {
			return rep == null ? 0 : Integer.parseInt(rep.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static double load1() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}
}
