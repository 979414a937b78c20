package dev.kappa.bench.micro;

import java.util.concurrent.TimeUnit;

import dev.kappa.internal.crypto.Blake2b;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BLAKE2b-256 as the Merkle tree uses it: a leaf hash of one kv entry (type byte, 64-bit length, the entry's
 * bytes, as in hypercore) and a parent hash (type byte, length, two 32-byte children). Scores are hashes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBenchmark {

	private final byte[] entry = Fixtures.envelopes(12345, 1).get(0);

	private final byte[] children = new byte[64];

	private final byte[] out = new byte[Blake2b.HASH_LENGTH];

	@Benchmark
	public byte[] leafHash() {
		Blake2b.local().update((byte) 0).updateUint64(this.entry.length).update(this.entry).digest(this.out, 0);
		return this.out;
	}

	@Benchmark
	public byte[] parentHash() {
		Blake2b.local().update((byte) 1).updateUint64(2L * this.entry.length).update(this.children).digest(this.out, 0);
		return this.out;
	}
}
