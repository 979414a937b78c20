package dev.kappa.bench.micro;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.kv.Dirs;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
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
 * Appending pre-encoded kv entries to a signed log with {@code fsync=never}: per entry, the leaf hash and the
 * Merkle tree update (MerkleTree is package-private, so it is measured through {@link SignedLog#append}), plus
 * the writes to the page cache; per batch, one tree hash and one Ed25519 signature. Scores are entries/s.
 * A fresh log per iteration keeps the files small.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogAppendBenchmark {

	private static final int BATCH = 1000;

	private final List<byte[]> batch = Fixtures.envelopes(0, BATCH);

	private final List<byte[]> one = Fixtures.envelopes(0, 1);

	private Path dir;

	private LogStore store;

	private SignedLog log;

	@Setup(Level.Iteration)
	public void open() {
		this.dir = Dirs.temp("append");
		this.store = LogStore.open(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER));
		this.log = this.store.writer("kv");
	}

	@TearDown(Level.Iteration)
	public void close() {
		this.store.close();
		Dirs.delete(this.dir);
	}

	/** One signed batch of 1000 entries. */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public long appendBatchOf1000() {
		return this.log.append(this.batch);
	}

	/** One entry per call: one signature per entry. */
	@Benchmark
	public long appendOne() {
		return this.log.append(this.one);
	}
}
