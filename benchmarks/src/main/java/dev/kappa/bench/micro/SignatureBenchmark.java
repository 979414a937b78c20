package dev.kappa.bench.micro;

import java.util.concurrent.TimeUnit;

import dev.kappa.internal.crypto.Ed25519;
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
 * Ed25519 over hypercore's 80-byte signable (namespace, tree hash, length, fork): signing, once per appended
 * batch, and verifying, once per received chunk and per signature checked when a log is opened. Scores are
 * operations/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {

	private final Ed25519.KeyPair keyPair = Ed25519.KeyPair.generate();

	private final Ed25519.Verifier verifier = Ed25519.Verifier.of(this.keyPair.publicKey());

	private final byte[] signable = new byte[80];

	private final byte[] signature = this.keyPair.sign(this.signable);

	@Benchmark
	public byte[] signBatch() {
		return this.keyPair.sign(this.signable);
	}

	@Benchmark
	public boolean verifyBatch() {
		return this.verifier.verify(this.signature, this.signable);
	}
}
