package dev.kappa.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Ed25519 signatures (RFC 8032), through Bouncy Castle's low-level implementation, which is an order of
 * magnitude faster than the JDK provider. Keys are libsodium-compatible: a 32-byte seed gives the same key
 * pair as {@code crypto_sign_seed_keypair}.
 * <p>
 * Internal: used by the log and replication packages, not part of the API.
 */
public final class Ed25519 {

	public static final int PUBLIC_KEY_LENGTH = 32;

	public static final int SEED_LENGTH = 32;

	public static final int SIGNATURE_LENGTH = 64;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

	private Ed25519() {
	}

	/**
	 * Starts building Bouncy Castle's precomputed tables (a one-time cost of a few hundred milliseconds in a
	 * fresh JVM) on a background thread, so that it overlaps with other start-up work instead of delaying the
	 * first signature. Signing and verifying wait for it if it is still running. Idempotent.
	 */
	public static void warmUpInBackground() {
		if (WARMING.compareAndSet(false, true)) {
			Thread thread = new Thread(org.bouncycastle.math.ec.rfc8032.Ed25519::precompute, "kappa-ed25519-tables");
			thread.setDaemon(true);
			thread.start();
		}
	}

	/**
	 * A key pair. The seed is the secret; keep it out of logs and {@code toString()}.
	 */
	public static final class KeyPair {

		private final byte[] seed;

		private final byte[] publicKey;

		private KeyPair(byte[] seed, byte[] publicKey) {
			this.seed = seed;
			this.publicKey = publicKey;
		}

		/** The key pair derived from a 32-byte seed. */
		public static KeyPair fromSeed(byte[] seed) {
			if (seed.length != SEED_LENGTH) {
				throw new IllegalArgumentException("An Ed25519 seed is 32 bytes, got " + seed.length);
			}
			byte[] pk = new byte[PUBLIC_KEY_LENGTH];
			org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pk, 0);
			return new KeyPair(seed.clone(), pk);
		}

		/** A fresh random key pair. */
		public static KeyPair generate() {
			byte[] seed = new byte[SEED_LENGTH];
			RANDOM.nextBytes(seed);
			return fromSeed(seed);
		}

		public byte[] publicKey() {
			return this.publicKey.clone();
		}

		/** The secret seed; callers must not log or leak it. */
		public byte[] seed() {
			return this.seed.clone();
		}

		/** Signs {@code message[offset, offset+length)}. */
		public byte[] sign(byte[] message, int offset, int length) {
			byte[] sig = new byte[SIGNATURE_LENGTH];
			org.bouncycastle.math.ec.rfc8032.Ed25519.sign(this.seed, 0, this.publicKey, 0, message, offset, length,
					sig, 0);
			return sig;
		}

		public byte[] sign(byte[] message) {
			return sign(message, 0, message.length);
		}

		@Override
		public String toString() {
			return "Ed25519.KeyPair[publicKey=" + java.util.HexFormat.of().formatHex(this.publicKey) + "]";
		}

		/** Wipes the secret from memory. */
		public void destroy() {
			Arrays.fill(this.seed, (byte) 0);
		}
	}

	/**
	 * A public key decoded once for many verifications (a replicated log's writer).
	 */
	public static final class Verifier {

		private final org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point;

		private Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
			this.point = point;
		}

		/**
		 * @throws IllegalArgumentException if the bytes are not a valid Ed25519 public key
		 */
		public static Verifier of(byte[] publicKey) {
			if (publicKey.length != PUBLIC_KEY_LENGTH) {
				throw new IllegalArgumentException("An Ed25519 public key is 32 bytes, got " + publicKey.length);
			}
			var point = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(publicKey, 0);
			if (point == null) {
				throw new IllegalArgumentException("Not a valid Ed25519 public key");
			}
			return new Verifier(point);
		}

		public boolean verify(byte[] signature, byte[] message, int offset, int length) {
			if (signature == null || signature.length != SIGNATURE_LENGTH) {
				return false;
			}
			return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, this.point, message, offset,
					length);
		}

		public boolean verify(byte[] signature, byte[] message) {
			return verify(signature, message, 0, message.length);
		}
	}
}
