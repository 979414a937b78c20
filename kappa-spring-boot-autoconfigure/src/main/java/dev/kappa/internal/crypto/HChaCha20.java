package dev.kappa.internal.crypto;

/**
 * HChaCha20 (draft-irtf-cfrg-xchacha): 20 ChaCha rounds over the key and a 16-byte input, without the final
 * addition; the output is words 0-3 and 12-15. Bouncy Castle 1.83 has no public one.
 */
final class HChaCha20 {

	private HChaCha20() {
	}

	/** HChaCha20 of {@code key} (32 bytes) and {@code input[0..16]}. */
	static byte[] hash(byte[] key, byte[] input) {
		int[] x = new int[16];
		x[0] = 0x61707865;
		x[1] = 0x3320646e;
		x[2] = 0x79622d32;
		x[3] = 0x6b206574;
		for (int i = 0; i < 8; i++) {
			x[4 + i] = le32(key, 4 * i);
		}
		for (int i = 0; i < 4; i++) {
			x[12 + i] = le32(input, 4 * i);
		}
		for (int r = 0; r < 10; r++) {
			quarter(x, 0, 4, 8, 12);
			quarter(x, 1, 5, 9, 13);
			quarter(x, 2, 6, 10, 14);
			quarter(x, 3, 7, 11, 15);
			quarter(x, 0, 5, 10, 15);
			quarter(x, 1, 6, 11, 12);
			quarter(x, 2, 7, 8, 13);
			quarter(x, 3, 4, 9, 14);
		}
		byte[] out = new byte[32];
		for (int i = 0; i < 4; i++) {
			put32(out, 4 * i, x[i]);
			put32(out, 16 + 4 * i, x[12 + i]);
		}
		java.util.Arrays.fill(x, 0);
		return out;
	}

	private static void quarter(int[] x, int a, int b, int c, int d) {
		x[a] += x[b];
		x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
		x[c] += x[d];
		x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
		x[a] += x[b];
		x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
		x[c] += x[d];
		x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
	}

	private static int le32(byte[] b, int o) {
		return (b[o] & 255) | (b[o + 1] & 255) << 8 | (b[o + 2] & 255) << 16 | (b[o + 3] & 255) << 24;
	}

	private static void put32(byte[] b, int o, int v) {
		b[o] = (byte) v;
		b[o + 1] = (byte) (v >>> 8);
		b[o + 2] = (byte) (v >>> 16);
		b[o + 3] = (byte) (v >>> 24);
	}
}
