package dev.kappa.bench.e2e;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.app.BenchContext;
import dev.kappa.bench.app.Workload;
import dev.kappa.bench.kv.Dirs;
import dev.kappa.core.LogWriter;
import dev.kappa.core.ViewStatus;

/**
 * The end-to-end phases, one per fresh JVM, run by {@code benchmarks/run}:
 * {@code java -cp benchmarks.jar dev.kappa.bench.e2e.Phases <phase> --dir D --n N [--workload kv|unique] ...}.
 * Every phase opens the database as an application does: a Spring Boot context ({@code BenchApp}) with the
 * starter's auto-configuration, its default view database (the H2 file {@code D/views/views.mv.db}, checked) and
 * pool. Each prints one JSON line per metric on stdout (see {@link Emit}); logs go to stderr.
 * <ul>
 * <li>{@code append}: W1_append_b1000, N entries in batches of {@code --batch} (1000) into a new database at D
 * (no view bean), fsync per batch (kept for the phases below)</li>
 * <li>{@code single}: W1_append_single ({@code --fsync batch}) or W1_append_single_nofsync ({@code --fsync
 * never}), N appends of one entry in a scratch database beside D</li>
 * <li>{@code index}: W2_index, D's log into a new, empty view database, from the moment the starter starts the
 * views to ready (the context's start before it is in {@code context_ms})</li>
 * <li>{@code rebuild}: W3_rebuild, reopen D with the view at version 2: its tables dropped, the log replayed; timed
 * as {@code index}</li>
 * <li>{@code open}, {@code open-plain}: W5_cold_open and its baseline W5_plain_boot ({@link OpenPhases})</li>
 * <li>{@code replicate}: W4_replicate, see {@code ReplicatePhases} (only in builds with replication)</li>
 * <li>{@code limits}: the machine's fsync, BLAKE2b, Ed25519 and H2 insert rates ({@link MachineLimits})</li>
 * </ul>
 * The unique-N workload ({@code --workload unique}) reports its metrics with a U instead of the W. {@code --views
 * postgresql} puts the view database of {@code index} and {@code rebuild} on an embedded PostgreSQL
 * ({@link PostgresViews}); those metrics end in {@code _pg}. {@code --metric} renames a phase's metric (the 10M
 * flat-heap runs use it).
 */
public final class Phases {

	static final List<String> NAMES = List.of("append", "single", "index", "rebuild", "open", "open-plain", "replicate",
			"serve", "limits");

	private Phases() {
	}

	public static void main(String[] argv) throws Exception {
		ProcessStats.install();
		Args args = Args.parse(argv);
		switch (args.phase()) {
			case "append" -> append(args);
			case "single" -> single(args);
			case "index" -> index(args, false);
			case "rebuild" -> index(args, true);
			case "open" -> OpenPhases.open(args);
			case "open-plain" -> OpenPhases.openPlain(args);
			case "limits" -> MachineLimits.run(args.dir(), args.number("h2-rows", 1_000_000));
			case "replicate", "serve" -> replication(args);
			default -> throw new IllegalArgumentException("Unknown phase '" + args.phase() + "'; phases: " + NAMES);
		}
		// View and replication threads are daemons, but Hikari's housekeeping may linger: end now.
		System.exit(0);
	}

	static Workload workload(Args args) {
		return Workload.named(args.string("workload", "kv"));
	}

	/** {@code --metric}, else the default with U for unique-N. */
	static String metric(Args args, Workload workload, String kvName) {
		return args.string("metric", workload == Workload.KV ? kvName : "U" + kvName.substring(1));
	}

	/** The fields every workload line carries: the anchors' {@code keys} and the workload's name. */
	static Map<String, Object> fields(Workload workload, long n, Map<String, ?> extra) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("keys", workload.keys(n));
		fields.put("workload_set", workload == Workload.KV ? "kv-N" : "unique-N");
		fields.putAll(extra);
		return fields;
	}

	private static void append(Args args) {
		Path dir = args.dir();
		long n = args.number("n");
		int batch = (int) args.number("batch", 1000);
		Workload workload = workload(args);
		delete(dir);
		try (BenchContext context = BenchContext.open(dir, "none", "", Map.of("kappa.log.fsync", "batch"))) {
			LogWriter writer = context.kappa().writer(workload.log()); // creates the log and its key pair: not timed
			long t0 = System.nanoTime();
			workload.appendBatches(writer, n, batch);
			double ms = millisSince(t0);
			checkLength(context.length() == n, "appended " + context.length() + " of " + n);
			Emit.metric("append-batch", metric(args, workload, "W1_append_b" + batch), n, ms, true,
					fields(workload, n, Map.of("batch", batch, "fsync", "batch")));
		}
	}

	private static void single(Args args) {
		long n = args.number("n");
		String fsync = args.string("fsync", "batch");
		Workload workload = workload(args);
		Path scratch = Path.of(args.string("dir") + "-single-" + fsync);
		delete(scratch);
		try (BenchContext context = BenchContext.open(scratch, "none", "", Map.of("kappa.log.fsync", fsync))) {
			LogWriter writer = context.kappa().writer(workload.log());
			long t0 = System.nanoTime();
			for (long i = 0; i < n; i++) {
				writer.append(workload.entry(i));
			}
			double ms = millisSince(t0);
			checkLength(context.length() == n, "appended " + context.length() + " of " + n);
			boolean never = "never".equals(fsync);
			Emit.metric(never ? "append-single-nofsync" : "append-single",
					metric(args, workload, never ? "W1_append_single_nofsync" : "W1_append_single"), n, ms, true,
					fields(workload, n, Map.of("fsync", fsync)));
		}
		finally {
			delete(scratch);
		}
	}

	/** W2_index into a new view database, or W3_rebuild (version 2 over the tables of version 1). */
	private static void index(Args args, boolean rebuild) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		Workload workload = workload(args);
		boolean postgres = "postgresql".equals(args.string("views", "h2"));
		if (!rebuild && !postgres) {
			delete(dir.resolve("views"));
		}
		long opened = System.nanoTime();
		try (PostgresViews pg = postgres ? PostgresViews.start(dir, rebuild) : null;
				BenchContext context = BenchContext.withView(dir, workload, rebuild ? 2 : 1,
						pg == null ? Map.of() : pg.properties())) {
			checkLength(context.length() == n, "the log holds " + context.length() + " entries, expected " + n);
			context.kappa().ready(workload.view()).get(args.number("timeout-s", 3600), TimeUnit.SECONDS);
			long t0 = context.clock().startNanos();
			double ms = millisSince(t0);
			ViewStatus.State first = context.clock().firstState();
			ViewStatus.State expected = rebuild ? ViewStatus.State.REBUILDING : ViewStatus.State.INDEXING;
			if (first != expected && first != ViewStatus.State.READY) {
				throw new IllegalStateException("The " + workload.view() + " view was " + first + " when the views started");
			}
			if (rebuild && first != ViewStatus.State.REBUILDING) {
				throw new IllegalStateException("The " + workload.view() + " view was not rebuilt (" + first + ")");
			}
			if (pg == null) {
				context.checkViewsInStorageDir(dir);
			}
			workload.check(context.jdbc(), n);
			Map<String, Object> extra = new LinkedHashMap<>(heapShape(t0));
			extra.putAll(ProcessStats.threadCpuMs());
			extra.put("context_ms", Math.round((t0 - opened) / 1e6));
			extra.put("views_db", pg == null ? "h2" : "postgresql");
			String name = metric(args, workload, rebuild ? "W3_rebuild" : "W2_index") + (pg == null ? "" : "_pg");
			Emit.metric(rebuild ? "rebuild" : "index", name, n, ms, true, fields(workload, n, extra));
		}
	}

	/** The replicate workload lives in a class compiled only when the engine has dev.kappa.internal.replication. */
	private static void replication(Args args) throws Exception {
		Class<?> phases;
		try {
			phases = Class.forName("dev.kappa.bench.e2e.ReplicatePhases");
		}
		catch (ClassNotFoundException ex) {
			Emit.skipped("replicate", "this build has no dev.kappa.internal.replication");
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
