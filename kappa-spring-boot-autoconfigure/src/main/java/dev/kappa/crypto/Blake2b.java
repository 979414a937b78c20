package dev.kappa.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * BLAKE2b-256 (libsodium's {@code crypto_generichash} with its default 32-byte output). One instance is
 * not thread-safe; {@link #local()} hands out one per thread.
 * <p>
 * Internal: used by the log and replication packages, not part of the API.
 */
public final class Blake2b {

	/** Output length in bytes. */
	public static final int HASH_LENGTH = 32;

	private static final ThreadLocal<Blake2b> LOCAL = ThreadLocal.withInitial(Blake2b::new);

	private final Blake2bDigest digest = new Blake2bDigest(256);

	private final byte[] scratch = new byte[8];

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
		this.digest.update(b);
		return this;
	}

	public Blake2b update(byte[] data, int offset, int length) {
		this.digest.update(data, offset, length);
		return this;
	}

	public Blake2b update(byte[] data) {
		return update(data, 0, data.length);
	}

	/** Adds {@code value} as 8 little-endian bytes. */
	public Blake2b updateUint64(long value) {
		for (int i = 0; i < 8; i++) {
			this.scratch[i] = (byte) (value >>> (8 * i));
		}
		this.digest.update(this.scratch, 0, 8);
		return this;
	}

	/** Finishes the hash into a new array and resets for the next one. */
	public byte[] digest() {
		byte[] out = new byte[HASH_LENGTH];
		this.digest.doFinal(out, 0);
		return out;
	}

	/** Finishes the hash into {@code out} at {@code offset} and resets for the next one. */
	public void digest(byte[] out, int offset) {
		this.digest.doFinal(out, offset);
	}
}
