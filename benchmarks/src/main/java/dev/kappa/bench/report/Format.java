package dev.kappa.bench.report;

import java.util.Locale;

/** Number formats of the report. */
public final class Format {

	private Format() {
	}

	/** 1,234,567 */
	public static String count(double value) {
		return String.format(Locale.US, "%,d", Math.round(value));
	}

	/** 812 ms, 12.3 s */
	public static String time(double ms) {
		return ms >= 10_000 ? String.format(Locale.US, "%.1f s", ms / 1000) : Math.round(ms) + " ms";
	}

	/** 2.31×, 0.052× */
	public static String ratio(double ratio) {
		return (ratio >= 10 ? String.format(Locale.US, "%.0f", ratio)
				: ratio >= 0.1 ? String.format(Locale.US, "%.2f", ratio) : String.format(Locale.US, "%.3f", ratio)) + "×";
	}

	/** 100k, 1M, 10M: N in headings. */
	public static String n(long n) {
		if (n >= 1_000_000 && n % 1_000_000 == 0) {
			return n / 1_000_000 + "M";
		}
		if (n >= 1_000 && n % 1_000 == 0) {
			return n / 1_000 + "k";
		}
		return Long.toString(n);
	}
}
