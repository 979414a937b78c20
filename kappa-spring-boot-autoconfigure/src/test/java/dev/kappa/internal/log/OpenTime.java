package dev.kappa.internal.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A rough measurement of how long opening a large log takes, not a test (no assertions on time). Run after
 * {@code mvn test-compile} with the test classpath:
 * {@code java -cp target/test-classes:target/classes:<dependencies> dev.kappa.internal.log.OpenTime [entries] [batch] [dir]}.
 * Appends {@code entries} kv-N entries in batches of {@code batch} (default 1,000,000 and 1000) once, then
 * opens and closes the store seven times and prints each time and the median of the last five: the open, and
 * the first read of an entry that was on disk (which first checks {@code log.tree}, see {@link TreeCheck}).
 */
public final class OpenTime {

	private OpenTime() {
	}

	public static void main(String[] args) throws Exception {
		int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("kappa-open-time");
		if (!Files.exists(dir.resolve("logs"))) {
			try (LogStore store = LogStore.open(dir, LogTesting.options())) {
				SignedLog log = store.writer("default");
				for (long i = 0; i < entries; i += batch) {
					log.append(LogTesting.entries(i, (int) Math.min(batch, entries - i)));
				}
			}
		}
		long[] open = new long[7];
		long[] firstRead = new long[7];
		for (int round = 0; round < open.length; round++) {
			long t0 = System.nanoTime();
			try (LogStore store = LogStore.open(dir, LogTesting.options())) {
				SignedLog log = store.writer("default");
				long t1 = System.nanoTime();
				if (log.length() != entries || !Arrays.equals(log.read(0), LogTesting.entry(0))) {
					throw new IllegalStateException("expected " + entries + " entries");
				}
				open[round] = (t1 - t0) / 1_000_000;
				firstRead[round] = (System.nanoTime() - t1) / 1_000_000;
			}
			System.out.println("round " + round + ": open " + open[round] + " ms, first read " + firstRead[round] + " ms");
		}
		System.out.println("median of the last five: open " + median(open) + " ms, first read " + median(firstRead) + " ms ("
				+ entries + " entries, batches of " + batch + ", " + dir + ")");
	}

	private static long median(long[] ms) {
		long[] last = Arrays.copyOfRange(ms, 2, ms.length);
		Arrays.sort(last);
		return last[last.length / 2];
	}
}
