package dev.kappa.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Pack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** This package's {@link ChaCha20}: RFC 8439's vectors, and Bouncy Castle's keystream over many lengths and offsets. */
class ChaCha20Tests {

	@Test
	void encryptsRfc8439sSunscreenVector() {
		// RFC 8439 2.4.2: key 00..1f, nonce 000000000000004a00000000, initial block counter 1.
		byte[] key = new byte[32];
		for (int i = 0; i < 32; i++) {
			key[i] = (byte) i;
		}
		byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
				+ " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
		ChaCha20 chacha = new ChaCha20();
		chacha.init(key);
		chacha.xor(1, 0, 0x4a000000, 0, text, 0, text.length, text, 0);
		assertThat(HexFormat.of().formatHex(text)).isEqualTo("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
				+ "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e"
				+ "52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d");
	}

	@Test
	void theKeystreamBlockIsRfc8439s() {
		// RFC 8439 2.3.2: key 00..1f, nonce 000000090000004a00000000, block counter 1.
		byte[] key = new byte[32];
		for (int i = 0; i < 32; i++) {
			key[i] = (byte) i;
		}
		ChaCha20 chacha = new ChaCha20();
		chacha.init(key);
		byte[] block = new byte[64];
		chacha.block(1, 0x09000000, 0x4a000000, 0, block);
		assertThat(HexFormat.of().formatHex(block)).isEqualTo("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
				+ "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
	}

	@Test
	void matchesBouncyCastleAtEveryLengthOffsetAndNonceInAndOutOfPlace() {
		long seed = 20261202L;
		Random random = new Random(seed);
		byte[] key = new byte[32];
		random.nextBytes(key);
		ChaCha20 chacha = new ChaCha20();
		chacha.init(key);
		int[] lengths = new int[300];
		for (int i = 0; i < 260; i++) {
			lengths[i] = i;
		}
		for (int i = 260; i < lengths.length; i++) {
			lengths[i] = random.nextInt(65520);
		}
		lengths[lengths.length - 1] = 65519;
		for (int length : lengths) {
			long n = random.nextLong();
			int counter = random.nextInt(2);
			int inOff = random.nextInt(9);
			byte[] in = new byte[inOff + length + random.nextInt(9)];
			random.nextBytes(in);
			byte[] expected = bouncyCastle(key, n, counter, in, inOff, length);
			byte[] out = new byte[length + 3];
			chacha.xor(counter, 0, (int) n, (int) (n >>> 32), in, inOff, length, out, 3);
			assertThat(java.util.Arrays.copyOfRange(out, 3, 3 + length)).as("seed %d, length %d", seed, length)
				.isEqualTo(expected);
			chacha.xor(counter, 0, (int) n, (int) (n >>> 32), in, inOff, length, in, inOff);
			assertThat(java.util.Arrays.copyOfRange(in, inOff, inOff + length)).as("in place, length %d", length)
				.isEqualTo(expected);
		}
	}

	private static byte[] bouncyCastle(byte[] key, long n, int counter, byte[] in, int inOff, int length) {
		byte[] nonce = new byte[12];
		Pack.longToLittleEndian(n, nonce, 4);
		ChaCha7539Engine engine = new ChaCha7539Engine();
		engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
		engine.skip(64L * counter);
		byte[] out = new byte[length];
		engine.processBytes(in, inOff, length, out, 0);
		return out;
	}
}
