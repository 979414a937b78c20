package dev.kappa.bench.kv;

import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogWriter;

/** The kv-N workload's entries and its append loops. */
public final class KvWorkload {

	/** The log every phase writes and reads. */
	public static final String LOG = "kv";

	private KvWorkload() {
	}

	/** Entries {@code [from, to)}. */
	public static List<Put> entries(long from, long to) {
		List<Put> out = new ArrayList<>((int) (to - from));
		for (long i = from; i < to; i++) {
			out.add(Put.entry(i));
		}
		return out;
	}

	/** Appends entries {@code [0, n)} with {@code appendAll} in batches of {@code batch}. */
	public static void appendBatches(LogWriter writer, long n, int batch) {
		for (long i = 0; i < n; i += batch) {
			writer.appendAll(entries(i, Math.min(n, i + batch)));
		}
	}

	/** The value the kv view holds for key {@code k1} after entries {@code [0, n)}, n >= 2. */
	public static String expectedK1(long n) {
		return "v" + (1 + Put.KEYS * ((n - 2) / Put.KEYS));
	}
}
