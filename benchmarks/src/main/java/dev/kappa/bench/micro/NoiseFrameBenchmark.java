package dev.kappa.bench.micro;

import java.util.concurrent.TimeUnit;

import dev.kappa.internal.crypto.NoiseException;
import dev.kappa.internal.crypto.NoiseHandshake;
import dev.kappa.internal.crypto.NoiseTransport;
import dev.kappa.internal.crypto.X25519KeyPair;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replication frames after a real Noise_XXpsk3 handshake: sealing one frame (ChaCha20 + Poly1305), and sealing
 * then opening it on the peer's side (the tag verified before anything is decrypted), in place, without
 * allocation. Scores are frames/s; times {@code size} for bytes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NoiseFrameBenchmark {

	@Param({ "1024", "65519" })
	public int size;

	private NoiseTransport initiator;

	private NoiseTransport responder;

	private NoiseTransport sealOnly;

	private byte[] frame;

	@Setup
	public void handshake() throws NoiseException {
		this.frame = new byte[this.size + NoiseTransport.OVERHEAD];
		NoiseTransport[] pair = pair();
		this.initiator = pair[0];
		this.responder = pair[1];
		this.sealOnly = pair()[0];
	}

	private static NoiseTransport[] pair() throws NoiseException {
		byte[] psk = new byte[NoiseHandshake.PSK_LENGTH];
		NoiseHandshake i = NoiseHandshake.initiator(X25519KeyPair.generate(), psk, new byte[0]);
		NoiseHandshake r = NoiseHandshake.responder(X25519KeyPair.generate(), psk, new byte[0]);
		r.readMessage(i.writeMessage(new byte[0]));
		i.readMessage(r.writeMessage(new byte[0]));
		r.readMessage(i.writeMessage(new byte[0]));
		return new NoiseTransport[] { i.split(), r.split() };
	}

	@Benchmark
	public int seal() throws NoiseException {
		return this.sealOnly.encrypt(this.frame, 0, this.size, this.frame, 0);
	}

	@Benchmark
	public int sealAndOpen() throws NoiseException {
		int sealed = this.initiator.encrypt(this.frame, 0, this.size, this.frame, 0);
		return this.responder.decrypt(this.frame, 0, sealed, this.frame, 0);
	}
}
