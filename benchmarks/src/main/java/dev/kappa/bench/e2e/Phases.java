package dev.kappa.bench.e2e;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.kv.Dirs;
import dev.kappa.bench.kv.KvDatabase;
import dev.kappa.bench.kv.KvWorkload;
import dev.kappa.bench.kv.Put;
import dev.kappa.core.LogWriter;
import dev.kappa.engine.KappaEngine;
import dev.kappa.log.FsyncPolicy;
import dev.kappa.log.LogOptions;

/**
 * The end-to-end kv-N phases, one per fresh JVM, run by {@code benchmarks/run}:
 * {@code java -cp benchmarks.jar dev.kappa.bench.e2e.Phases <phase> --dir D --n N ...}. Each prints one JSON
 * line per metric on stdout (see {@link Emit}); logs go to stderr.
 * <ul>
 * <li>{@code append}: W1_append_b1000, N entries in batches of {@code --batch} (1000) into a new database at D,
 * fsync per batch (kept for the phases below)</li>
 * <li>{@code single}: W1_append_single ({@code --fsync batch}) or W1_append_single_nofsync ({@code --fsync
 * never}), N appends of one entry in a scratch database beside D</li>
 * <li>{@code index}: W2_index, D's log into a new kv view database, from the start of indexing to ready</li>
 * <li>{@code rebuild}: W3_rebuild, reopen D with the kv view at {@code --version} (one more than stored): tables
 * dropped, the log replayed; from the start of opening to ready</li>
 * <li>{@code open}: W5_cold_open, reopen D with its views current, from the start of opening to ready</li>
 * <li>{@code replicate}: W4_replicate, see {@code ReplicatePhases} (only in builds with replication)</li>
 * <li>{@code limits}: the machine's fsync, BLAKE2b and Ed25519 rates ({@link MachineLimits})</li>
 * </ul>
 * {@code --metric} renames a phase's metric (the 10M flat-heap runs use it).
 */
public final class Phases {

	static final List<String> NAMES = List.of("append", "single", "index", "rebuild", "open", "replicate", "serve",
			"limits");

	private static final LogOptions FSYNC_BATCH = LogOptions.defaults().withFsync(FsyncPolicy.BATCH);

	private Phases() {
	}

	public static void main(String[] argv) throws Exception {
		ProcessStats.install();
		Args args = Args.parse(argv);
		switch (args.phase()) {
			case "append" -> append(args);
			case "single" -> single(args);
			case "index" -> index(args);
			case "rebuild" -> rebuild(args);
			case "open" -> open(args);
			case "limits" -> MachineLimits.run(args.dir());
			case "replicate", "serve" -> replication(args);
			default -> throw new IllegalArgumentException("Unknown phase '" + args.phase() + "'; phases: " + NAMES);
		}
		// View and replication threads are daemons, but Hikari's housekeeping may linger: end now.
		System.exit(0);
	}

	private static void append(Args args) {
		Path dir = args.dir();
		long n = args.number("n");
		int batch = (int) args.number("batch", 1000);
		delete(dir);
		try (KappaEngine engine = KvDatabase.openLogs(dir, FSYNC_BATCH)) {
			LogWriter writer = engine.writer(KvWorkload.LOG); // creates the log and its key pair: not timed
			long t0 = System.nanoTime();
			KvWorkload.appendBatches(writer, n, batch);
			double ms = millisSince(t0);
			long length = engine.log(writer.key()).orElseThrow().length();
			checkLength(length == n, "appended " + length + " of " + n);
			Emit.metric("append-batch", args.string("metric", "W1_append_b" + batch), n, ms, true,
					Map.of("batch", batch, "fsync", "batch"));
		}
	}

	private static void single(Args args) {
		long n = args.number("n");
		FsyncPolicy fsync = FsyncPolicy.valueOf(args.string("fsync", "batch").toUpperCase());
		Path scratch = Path.of(args.string("dir") + "-single-" + fsync.name().toLowerCase());
		delete(scratch);
		try (KappaEngine engine = KvDatabase.openLogs(scratch, LogOptions.defaults().withFsync(fsync))) {
			LogWriter writer = engine.writer(KvWorkload.LOG);
			long t0 = System.nanoTime();
			for (long i = 0; i < n; i++) {
				writer.append(Put.entry(i));
			}
			double ms = millisSince(t0);
			long length = engine.log(writer.key()).orElseThrow().length();
			checkLength(length == n, "appended " + length + " of " + n);
			boolean never = fsync == FsyncPolicy.NEVER;
			Emit.metric(never ? "append-single-nofsync" : "append-single",
					args.string("metric", never ? "W1_append_single_nofsync" : "W1_append_single"), n, ms, true,
					Map.of("fsync", fsync.name().toLowerCase()));
		}
		finally {
			delete(scratch);
		}
	}

	private static void index(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		delete(dir.resolve("views"));
		try (KvDatabase db = KvDatabase.prepare(dir, FSYNC_BATCH, (int) args.number("version", 1))) {
			checkLength(db.length() == n, "the log holds " + db.length() + " entries, expected " + n);
			long t0 = System.nanoTime();
			db.start().awaitReady(args.number("timeout-s", 3600), TimeUnit.SECONDS);
			double ms = millisSince(t0);
			db.check(n);
			Emit.metric("index", args.string("metric", "W2_index"), n, ms, true, heapShape(t0));
		}
	}

	private static void rebuild(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		long t0 = System.nanoTime();
		try (KvDatabase db = KvDatabase.prepare(dir, FSYNC_BATCH, (int) args.number("version"))) {
			db.start().awaitReady(args.number("timeout-s", 3600), TimeUnit.SECONDS);
			double ms = millisSince(t0);
			if (!db.rebuilding()) {
				throw new IllegalStateException("The kv view was not rebuilt: is --version the stored version?");
			}
			db.check(n);
			Emit.metric("rebuild", args.string("metric", "W3_rebuild"), n, ms, true, heapShape(t0));
		}
	}

	private static void open(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		long t0 = System.nanoTime();
		try (KvDatabase db = KvDatabase.prepare(dir, FSYNC_BATCH, (int) args.number("version"))) {
			db.start().awaitReady(args.number("timeout-s", 600), TimeUnit.SECONDS);
			double ms = millisSince(t0);
			if (db.rebuilding()) {
				throw new IllegalStateException("The kv view was rebuilt at open: is --version the stored version?");
			}
			db.check(n);
			Emit.metric("cold-open", args.string("metric", "W5_cold_open"), n, ms, false,
					Map.of("jvm_uptime_ms", Math.round(ProcessStats.uptimeMs())));
		}
	}

	/** The replicate workload lives in a class compiled only when the engine has dev.kappa.replication. */
	private static void replication(Args args) throws Exception {
		Class<?> phases;
		try {
			phases = Class.forName("dev.kappa.bench.e2e.ReplicatePhases");
		}
		catch (ClassNotFoundException ex) {
			Emit.skipped("replicate", "this build has no dev.kappa.replication");
			return;
		}
		try {
			phases.getDeclaredMethod(args.phase(), Args.class).invoke(null, args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * The used heap after GC in the first and second half of a phase, for the flat-heap runs: flat when the second
	 * half's maximum is within 25% (or 16 MB) of the first half's.
	 */
	static Map<String, Object> heapShape(long sinceNanos) {
		long[] halves = ProcessStats.heapAfterGcHalvesMb(sinceNanos);
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("gc_count", ProcessStats.gcCount());
		shape.put("heap_after_gc_first_half_mb", halves[0]);
		shape.put("heap_after_gc_second_half_mb", halves[1]);
		if (halves[0] >= 0 && halves[1] >= 0) {
			shape.put("heap_flat", halves[1] <= Math.max(halves[0] * 1.25, halves[0] + 16));
		}
		return shape;
	}

	static double millisSince(long t0) {
		return (System.nanoTime() - t0) / 1e6;
	}

	static void checkLength(boolean ok, String problem) {
		if (!ok) {
			throw new IllegalStateException(problem);
		}
	}

	static void delete(Path dir) {
		Dirs.delete(dir);
	}
}
