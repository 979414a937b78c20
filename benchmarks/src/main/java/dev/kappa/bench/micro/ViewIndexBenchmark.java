package dev.kappa.bench.micro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.kv.Dirs;
import dev.kappa.bench.kv.KvDatabase;
import dev.kappa.bench.kv.KvWorkload;
import dev.kappa.bench.kv.Put;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.SignedLog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kv view indexing batches into its H2 file database, every write an update of an existing row (the table
 * is pre-filled with all 10,000 keys). Each invocation appends a prepared batch of 1000 entries with
 * {@code fsync=never} and waits until the view has indexed it, so the score (entries/s) includes that append,
 * which {@link LogAppendBenchmark} measures alone (well over ten times faster).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ViewIndexBenchmark {

	private static final int BATCH = 1000;

	private final List<List<byte[]>> batches = new ArrayList<>();

	private Path dir;

	private KvDatabase db;

	private SignedLog log;

	private int next;

	@Setup(Level.Trial)
	public void open() throws Exception {
		for (int b = 0; b < Put.KEYS / BATCH; b++) {
			this.batches.add(Fixtures.envelopes((long) b * BATCH, BATCH));
		}
		this.dir = Dirs.temp("view");
		this.db = KvDatabase.prepare(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER), 1).start();
		this.log = this.db.engine().store().writer(KvWorkload.LOG);
		for (List<byte[]> batch : this.batches) {
			this.log.append(batch);
		}
		this.db.awaitReady(1, TimeUnit.MINUTES);
	}

	@TearDown(Level.Trial)
	public void close() {
		this.db.close();
		Dirs.delete(this.dir);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void appendAndIndexBatchOf1000() throws Exception {
		this.log.append(this.batches.get(this.next));
		this.next = (this.next + 1) % this.batches.size();
		this.db.awaitReady(1, TimeUnit.MINUTES);
	}
}
