package dev.kappa.internal.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * An X25519 (Curve25519 Diffie-Hellman, RFC 7748) key pair: a node's static Noise identity or a handshake's
 * ephemeral key. The private key is the secret; it never appears in {@link #toString()}.
 * <p>
 * Internal: used by the replication package, not part of the API.
 */
public final class X25519KeyPair {

	/** Length of a public key, a private key and a shared secret, in bytes. */
	public static final int KEY_LENGTH = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	static {
		X25519.precompute();
	}

	private final byte[] privateKey;

	private final byte[] publicKey;

	private X25519KeyPair(byte[] privateKey) {
		this.privateKey = privateKey;
		this.publicKey = new byte[KEY_LENGTH];
		X25519.generatePublicKey(privateKey, 0, this.publicKey, 0);
	}

	/** A fresh random key pair. */
	public static X25519KeyPair generate() {
		byte[] sk = new byte[KEY_LENGTH];
		X25519.generatePrivateKey(RANDOM, sk);
		return new X25519KeyPair(sk);
	}

	/**
	 * The key pair of a 32-byte private key (any 32 bytes; clamping happens inside X25519, as in libsodium's
	 * {@code crypto_scalarmult}). The array is copied.
	 */
	public static X25519KeyPair fromPrivateKey(byte[] privateKey) {
		if (privateKey == null || privateKey.length != KEY_LENGTH) {
			throw new IllegalArgumentException("An X25519 private key is 32 bytes, got "
					+ (privateKey == null ? "null" : privateKey.length));
		}
		return new X25519KeyPair(privateKey.clone());
	}

	public byte[] publicKey() {
		return this.publicKey.clone();
	}

	/** The secret key; callers must not log or leak it. */
	public byte[] privateKey() {
		return this.privateKey.clone();
	}

	/** Appends the public key to {@code out} at {@code offset} without copying it first. */
	void writePublicKey(byte[] out, int offset) {
		System.arraycopy(this.publicKey, 0, out, offset, KEY_LENGTH);
	}

	/**
	 * DH(this, remotePublicKey): the 32-byte shared secret.
	 * @throws NoiseException if the remote key is a low-order point (the result would be all zeros, which
	 * libsodium also refuses); an honest peer never sends one
	 */
	byte[] dh(byte[] remotePublicKey) throws NoiseException {
		byte[] shared = new byte[KEY_LENGTH];
		if (!X25519.calculateAgreement(this.privateKey, 0, remotePublicKey, 0, shared, 0)) {
			throw new NoiseException("Noise handshake failed: the peer sent a low-order X25519 public key");
		}
		return shared;
	}

	/** Wipes the private key from memory; the pair must not be used afterwards. */
	public void destroy() {
		Arrays.fill(this.privateKey, (byte) 0);
	}

	@Override
	public String toString() {
		return "X25519KeyPair[publicKey=" + HexFormat.of().formatHex(this.publicKey) + "]";
	}
}
