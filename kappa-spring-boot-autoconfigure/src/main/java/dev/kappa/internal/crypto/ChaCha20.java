package dev.kappa.internal.crypto;

/**
 * The ChaCha20 stream cipher of RFC 8439 (a 32-byte key, a 96-bit nonce, a 32-bit block counter), computed here
 * rather than by Bouncy Castle's engine: that engine writes each keystream block out as bytes and XORs the input
 * byte by byte, which was most of the time of a replication sender's thread (sealing records) and a fifth of a
 * receiver's. Here a block stays in sixteen local ints and is XORed into the input a word at a time, the words
 * composed from bytes with shifts (a little-endian {@code VarHandle} was as fast once compiled by C2 but about 15%
 * slower over the first 65 MB of a fresh JVM, which is what a replication of a million entries is).
 * {@code ChaCha20Tests} checks RFC 8439's vectors and Bouncy Castle's output over many lengths.
 * <p>
 * Not thread-safe: one instance per {@link CipherState}. Internal, not part of the API.
 */
final class ChaCha20 {

	private static final int C0 = 0x61707865;

	private static final int C1 = 0x3320646e;

	private static final int C2 = 0x79622d32;

	private static final int C3 = 0x6b206574;

	private final int[] key = new int[8];

	private final byte[] scratch = new byte[64];

	/** Keys the cipher with {@code key} (32 bytes). */
	void init(byte[] key) {
		if (key.length != 32) {
			throw new IllegalArgumentException("A ChaCha20 key is 32 bytes, got " + key.length);
		}
		for (int i = 0; i < 8; i++) {
			this.key[i] = le32(key, 4 * i);
		}
	}

	/** Forgets the key. */
	void destroy() {
		java.util.Arrays.fill(this.key, 0);
		java.util.Arrays.fill(this.scratch, (byte) 0);
	}

	/** The keystream block {@code counter} of nonce {@code (n0, n1, n2)} (little-endian words) into {@code out[0, 64)}. */
	void block(int counter, int n0, int n1, int n2, byte[] out) {
		java.util.Arrays.fill(out, 0, 64, (byte) 0);
		xor(counter, n0, n1, n2, out, 0, 64, out, 0);
	}

	/**
	 * XORs the keystream of nonce {@code (n0, n1, n2)} from block {@code counter} on into {@code in[inOff, inOff+len)},
	 * writing {@code out[outOff, outOff+len)}; in place when {@code in == out} and {@code inOff == outOff}.
	 */
	void xor(int counter, int n0, int n1, int n2, byte[] in, int inOff, int len, byte[] out, int outOff) {
		java.util.Objects.checkFromIndexSize(inOff, len, in.length);
		java.util.Objects.checkFromIndexSize(outOff, len, out.length);
		int[] k = this.key;
		int k0 = k[0], k1 = k[1], k2 = k[2], k3 = k[3], k4 = k[4], k5 = k[5], k6 = k[6], k7 = k[7];
		int done = 0;
		while (done < len) {
			int x0 = C0, x1 = C1, x2 = C2, x3 = C3, x4 = k0, x5 = k1, x6 = k2, x7 = k3;
			int x8 = k4, x9 = k5, x10 = k6, x11 = k7, x12 = counter, x13 = n0, x14 = n1, x15 = n2;
			for (int r = 0; r < 10; r++) {
				x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
				x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
				x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
				x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
				x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
				x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
				x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
				x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
				x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
				x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
				x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
				x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
				x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
				x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
				x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
				x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
			}
			x0 += C0; x1 += C1; x2 += C2; x3 += C3; x4 += k0; x5 += k1; x6 += k2; x7 += k3;
			x8 += k4; x9 += k5; x10 += k6; x11 += k7; x12 += counter; x13 += n0; x14 += n1; x15 += n2;
			int n = len - done;
			byte[] src = in;
			int s = inOff + done;
			byte[] dst = out;
			int d = outOff + done;
			if (n < 64) {
				System.arraycopy(in, s, this.scratch, 0, n);
				src = this.scratch;
				s = 0;
				dst = this.scratch;
				d = 0;
			}
			put32(dst, d, le32(src, s) ^ x0);
			put32(dst, d + 4, le32(src, s + 4) ^ x1);
			put32(dst, d + 8, le32(src, s + 8) ^ x2);
			put32(dst, d + 12, le32(src, s + 12) ^ x3);
			put32(dst, d + 16, le32(src, s + 16) ^ x4);
			put32(dst, d + 20, le32(src, s + 20) ^ x5);
			put32(dst, d + 24, le32(src, s + 24) ^ x6);
			put32(dst, d + 28, le32(src, s + 28) ^ x7);
			put32(dst, d + 32, le32(src, s + 32) ^ x8);
			put32(dst, d + 36, le32(src, s + 36) ^ x9);
			put32(dst, d + 40, le32(src, s + 40) ^ x10);
			put32(dst, d + 44, le32(src, s + 44) ^ x11);
			put32(dst, d + 48, le32(src, s + 48) ^ x12);
			put32(dst, d + 52, le32(src, s + 52) ^ x13);
			put32(dst, d + 56, le32(src, s + 56) ^ x14);
			put32(dst, d + 60, le32(src, s + 60) ^ x15);
			if (n < 64) {
				System.arraycopy(this.scratch, 0, out, outOff + done, n);
				java.util.Arrays.fill(this.scratch, (byte) 0);
				return;
			}
			done += 64;
			counter++;
		}
	}

	private static int le32(byte[] b, int o) {
		return (b[o] & 255) | (b[o + 1] & 255) << 8 | (b[o + 2] & 255) << 16 | b[o + 3] << 24;
	}

	private static void put32(byte[] b, int o, int v) {
		b[o] = (byte) v;
		b[o + 1] = (byte) (v >>> 8);
		b[o + 2] = (byte) (v >>> 16);
		b[o + 3] = (byte) (v >>> 24);
	}
}
