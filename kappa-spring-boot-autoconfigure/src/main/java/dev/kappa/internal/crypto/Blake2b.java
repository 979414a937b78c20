package dev.kappa.internal.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * BLAKE2b-256 (libsodium's {@code crypto_generichash} with its default 32-byte output, RFC 7693). One instance
 * is not thread-safe; {@link #local()} hands out one per thread.
 * <p>
 * The unkeyed hash is computed here, without allocating: the log hashes two or three short inputs per entry
 * (a leaf, a parent, the root), so the per-hash cost of a general digest (a message array per block, a reset
 * per result) was a large part of appending, verifying and indexing. {@link #keyedHash} (rare) uses Bouncy
 * Castle's digest. {@code Blake2bTests} checks this one against Bouncy Castle's and RFC 7693's vectors.
 * <p>
 * Internal: used by the log and replication packages, not part of the API.
 */
public final class Blake2b {

	/** Output length in bytes. */
	public static final int HASH_LENGTH = 32;

	private static final int BLOCK = 128;

	private static final long[] IV = { 0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL,
			0xa54ff53a5f1d36f1L, 0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L };

	/** The message schedule of RFC 7693, rounds 0 to 11 laid end to end (rounds 10 and 11 repeat 0 and 1). */
	private static final byte[] SIGMA = sigma();

	private static final ThreadLocal<Blake2b> LOCAL = ThreadLocal.withInitial(Blake2b::new);

	private final long[] h = new long[8];

	private final long[] m = new long[16];

	private final byte[] block = new byte[BLOCK];

	/** Bytes in {@link #block}; a full block is kept until more input shows it is not the last. */
	private int filled;

	/** Bytes compressed so far (the counter t; inputs here never reach 2^64 bytes). */
	private long counter;

	public Blake2b() {
		reset();
	}

	/** This thread's instance. */
	public static Blake2b local() {
		return LOCAL.get();
	}

	/** The unkeyed hash of {@code data}. */
	public static byte[] hash(byte[] data) {
		Blake2b b = local();
		b.update(data, 0, data.length);
		return b.digest();
	}

	/** The hash of {@code data} keyed with {@code key} (1 to 64 bytes). */
	public static byte[] keyedHash(byte[] key, byte[] data) {
		Blake2bDigest keyed = new Blake2bDigest(key, HASH_LENGTH, null, null);
		keyed.update(data, 0, data.length);
		byte[] out = new byte[HASH_LENGTH];
		keyed.doFinal(out, 0);
		return out;
	}

	public Blake2b update(byte b) {
		if (this.filled == BLOCK) {
			compressBlock(false);
		}
		this.block[this.filled++] = b;
		return this;
	}

	public Blake2b update(byte[] data, int offset, int length) {
		int at = offset;
		int end = offset + length;
		while (at < end) {
			if (this.filled == BLOCK) {
				compressBlock(false);
			}
			int n = Math.min(BLOCK - this.filled, end - at);
			System.arraycopy(data, at, this.block, this.filled, n);
			this.filled += n;
			at += n;
		}
		return this;
	}

	public Blake2b update(byte[] data) {
		return update(data, 0, data.length);
	}

	/** Adds {@code value} as 8 little-endian bytes. */
	public Blake2b updateUint64(long value) {
		if (this.filled > BLOCK - 8) {
			for (int i = 0; i < 8; i++) {
				update((byte) (value >>> (8 * i)));
			}
			return this;
		}
		for (int i = 0; i < 8; i++) {
			this.block[this.filled++] = (byte) (value >>> (8 * i));
		}
		return this;
	}

	/** Finishes the hash into a new array and resets for the next one. */
	public byte[] digest() {
		byte[] out = new byte[HASH_LENGTH];
		digest(out, 0);
		return out;
	}

	/** Finishes the hash into {@code out} at {@code offset} and resets for the next one. */
	public void digest(byte[] out, int offset) {
		java.util.Arrays.fill(this.block, this.filled, BLOCK, (byte) 0);
		compressBlock(true);
		for (int i = 0; i < HASH_LENGTH; i++) {
			out[offset + i] = (byte) (this.h[i >>> 3] >>> (8 * (i & 7)));
		}
		reset();
	}

	private void reset() {
		System.arraycopy(IV, 0, this.h, 0, 8);
		this.h[0] ^= 0x01010000L ^ HASH_LENGTH; // parameter block: digest length 32, no key, fanout 1, depth 1
		this.filled = 0;
		this.counter = 0;
	}

	private void compressBlock(boolean last) {
		this.counter += this.filled;
		byte[] b = this.block;
		for (int i = 0; i < 16; i++) {
			int p = i << 3;
			this.m[i] = (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
					| (b[p + 4] & 0xffL) << 32 | (b[p + 5] & 0xffL) << 40 | (b[p + 6] & 0xffL) << 48
					| (b[p + 7] & 0xffL) << 56;
		}
		this.filled = 0;
		compress(this.h, this.m, this.counter, last);
	}

	/** RFC 7693's F: twelve rounds of G over the state, message words {@code m}, byte counter {@code t}. */
	private static void compress(long[] h, long[] m, long t, boolean last) {
		long v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
		long v8 = IV[0], v9 = IV[1], v10 = IV[2], v11 = IV[3], v12 = IV[4] ^ t, v13 = IV[5], v14 = last ? ~IV[6] : IV[6];
		long v15 = IV[7];
		for (int s = 0; s < 12 * 16; s += 16) {
			byte[] g = SIGMA;
			v0 += v4 + m[g[s]]; v12 = Long.rotateRight(v12 ^ v0, 32); v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 24);
			v0 += v4 + m[g[s + 1]]; v12 = Long.rotateRight(v12 ^ v0, 16); v8 += v12; v4 = Long.rotateRight(v4 ^ v8, 63);
			v1 += v5 + m[g[s + 2]]; v13 = Long.rotateRight(v13 ^ v1, 32); v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 24);
			v1 += v5 + m[g[s + 3]]; v13 = Long.rotateRight(v13 ^ v1, 16); v9 += v13; v5 = Long.rotateRight(v5 ^ v9, 63);
			v2 += v6 + m[g[s + 4]]; v14 = Long.rotateRight(v14 ^ v2, 32); v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 24);
			v2 += v6 + m[g[s + 5]]; v14 = Long.rotateRight(v14 ^ v2, 16); v10 += v14; v6 = Long.rotateRight(v6 ^ v10, 63);
			v3 += v7 + m[g[s + 6]]; v15 = Long.rotateRight(v15 ^ v3, 32); v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 24);
			v3 += v7 + m[g[s + 7]]; v15 = Long.rotateRight(v15 ^ v3, 16); v11 += v15; v7 = Long.rotateRight(v7 ^ v11, 63);
			v0 += v5 + m[g[s + 8]]; v15 = Long.rotateRight(v15 ^ v0, 32); v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 24);
			v0 += v5 + m[g[s + 9]]; v15 = Long.rotateRight(v15 ^ v0, 16); v10 += v15; v5 = Long.rotateRight(v5 ^ v10, 63);
			v1 += v6 + m[g[s + 10]]; v12 = Long.rotateRight(v12 ^ v1, 32); v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 24);
			v1 += v6 + m[g[s + 11]]; v12 = Long.rotateRight(v12 ^ v1, 16); v11 += v12; v6 = Long.rotateRight(v6 ^ v11, 63);
			v2 += v7 + m[g[s + 12]]; v13 = Long.rotateRight(v13 ^ v2, 32); v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 24);
			v2 += v7 + m[g[s + 13]]; v13 = Long.rotateRight(v13 ^ v2, 16); v8 += v13; v7 = Long.rotateRight(v7 ^ v8, 63);
			v3 += v4 + m[g[s + 14]]; v14 = Long.rotateRight(v14 ^ v3, 32); v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 24);
			v3 += v4 + m[g[s + 15]]; v14 = Long.rotateRight(v14 ^ v3, 16); v9 += v14; v4 = Long.rotateRight(v4 ^ v9, 63);
		}
		h[0] ^= v0 ^ v8; h[1] ^= v1 ^ v9; h[2] ^= v2 ^ v10; h[3] ^= v3 ^ v11;
		h[4] ^= v4 ^ v12; h[5] ^= v5 ^ v13; h[6] ^= v6 ^ v14; h[7] ^= v7 ^ v15;
	}

	private static byte[] sigma() {
		String rounds = "0123456789abcdef" + "ea489fd61c02b753" + "b8c052fdae367194" + "7931dcbe265a40f8"
				+ "905724afe1bc683d" + "2c6a0b834d75fe19" + "c51fed4a0763928b" + "db7ec13950f4862a"
				+ "6fe9b308c2d714a5" + "a2847615fb9e3cd0";
		byte[] sigma = new byte[12 * 16];
		for (int i = 0; i < sigma.length; i++) {
			sigma[i] = (byte) Character.digit(rounds.charAt(i % rounds.length()), 16);
		}
		return sigma;
	}
}
