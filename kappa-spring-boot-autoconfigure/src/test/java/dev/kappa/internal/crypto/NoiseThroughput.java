package dev.kappa.internal.crypto;

import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Pack;

/**
 * A rough transport throughput measurement, not a test (no assertions on time). Run after {@code mvn
 * test-compile} with the test classpath, e.g.
 * {@code java -cp target/test-classes:target/classes:<bcprov jar> dev.kappa.internal.crypto.NoiseThroughput}.
 * Seals and opens frames in place with {@link NoiseTransport} and, for comparison, seals with Bouncy Castle's
 * {@code ChaCha20Poly1305} class (one reused instance).
 */
public final class NoiseThroughput {

	private NoiseThroughput() {
	}

	public static void main(String[] args) throws Exception {
		byte[] psk = new byte[32];
		NoiseHandshake initiator = NoiseHandshake.initiator(X25519KeyPair.generate(), psk, new byte[0]);
		NoiseHandshake responder = NoiseHandshake.responder(X25519KeyPair.generate(), psk, new byte[0]);
		responder.readMessage(initiator.writeMessage(new byte[0]));
		initiator.readMessage(responder.writeMessage(new byte[0]));
		responder.readMessage(initiator.writeMessage(new byte[0]));
		NoiseTransport sender = initiator.split();
		NoiseTransport receiver = responder.split();

		for (int size : new int[] { 64, 256, 1024, 16384, 65519 }) {
			byte[] frame = new byte[size + 16];
			int rounds = (int) Math.max(20_000, 400_000_000L / size);
			for (int warm = 0; warm < 3; warm++) {
				run(sender, receiver, frame, size, rounds / 4);
			}
			long t0 = System.nanoTime();
			run(sender, receiver, frame, size, rounds);
			long t1 = System.nanoTime();
			long sealOnly = sealOnly(new CipherState(new byte[32]), frame, size, rounds);
			long bc = bouncyCastleSeal(size, rounds);
			double mb = (double) size * rounds / 1e6;
			System.out.printf("%6d B: seal+open %7.1f MB/s (%,9.0f frames/s), seal %7.1f MB/s, BC AEAD seal %7.1f MB/s%n",
					size, mb / ((t1 - t0) / 1e9), rounds / ((t1 - t0) / 1e9), mb / (sealOnly / 1e9), mb / (bc / 1e9));
		}
	}

	private static void run(NoiseTransport sender, NoiseTransport receiver, byte[] frame, int size, int rounds)
			throws NoiseException {
		for (int i = 0; i < rounds; i++) {
			sender.encrypt(frame, 0, size, frame, 0);
			receiver.decrypt(frame, 0, size + 16, frame, 0);
		}
	}

	private static long sealOnly(CipherState state, byte[] frame, int size, int rounds) throws NoiseException {
		for (int pass = 0; pass < 2; pass++) {
			long t0 = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				state.encrypt(null, frame, 0, size, frame, 0);
			}
			if (pass == 1) {
				return System.nanoTime() - t0;
			}
		}
		throw new IllegalStateException();
	}

	private static long bouncyCastleSeal(int size, int rounds) throws Exception {
		ChaCha20Poly1305 aead = new ChaCha20Poly1305();
		KeyParameter key = new KeyParameter(new byte[32]);
		byte[] nonce = new byte[12];
		byte[] in = new byte[size];
		byte[] out = new byte[size + 16];
		for (int pass = 0; pass < 2; pass++) {
			long t0 = System.nanoTime();
			for (int i = 0; i < rounds; i++) {
				Pack.longToLittleEndian((long) pass * rounds + i, nonce, 4);
				aead.init(true, new AEADParameters(key, 128, nonce, null));
				int len = aead.processBytes(in, 0, size, out, 0);
				aead.doFinal(out, len);
			}
			if (pass == 1) {
				return System.nanoTime() - t0;
			}
		}
		throw new IllegalStateException();
	}
}
