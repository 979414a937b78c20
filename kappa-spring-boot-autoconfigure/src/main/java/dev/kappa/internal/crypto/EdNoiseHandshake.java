package dev.kappa.internal.crypto;

import java.util.Arrays;

/**
 * {@value #PROTOCOL_NAME}, the handshake of hypercore's secret-stream (noise-handshake with noise-curve-ed): Noise
 * {@code XX} with Ed25519 key pairs, the Edwards-form DH of {@link EdwardsDh}, an empty prologue, empty payloads
 * and no PSK. Three messages: {@code -> e}, {@code <- e, ee, s, es}, {@code -> s, se}; then both sides hold the
 * handshake hash and the two transport keys.
 * <p>
 * Not thread-safe; one handshake per connection.
 * <p>
 * Internal: used by the hypercore transport, not part of the API.
 */
public final class EdNoiseHandshake {

	public static final String PROTOCOL_NAME = "Noise_XX_Ed25519_ChaChaPoly_BLAKE2b";

	private static final int KEY = 32;

	private static final byte[] EMPTY = new byte[0];

	private final boolean initiator;

	private final Ed25519.KeyPair s;

	private final Ed25519.KeyPair e;

	private final byte[] sScalar;

	private final byte[] eScalar;

	private final SymmetricState symmetric = new SymmetricState(PROTOCOL_NAME);

	private byte[] re;

	private byte[] rs;

	private int step;

	private byte[][] keys;

	private byte[] hash;

	private EdNoiseHandshake(boolean initiator, Ed25519.KeyPair s, Ed25519.KeyPair e) {
		this.initiator = initiator;
		this.s = s;
		this.e = e;
		this.sScalar = EdwardsDh.scalar(s.seed());
		this.eScalar = EdwardsDh.scalar(e.seed());
		this.symmetric.mixHash(EMPTY);
	}

	/** The dialling side, with its static key pair and a fresh (or, in tests, a fixed) ephemeral key pair. */
	public static EdNoiseHandshake initiator(Ed25519.KeyPair s, Ed25519.KeyPair ephemeral) {
		return new EdNoiseHandshake(true, s, ephemeral);
	}

	public static EdNoiseHandshake responder(Ed25519.KeyPair s, Ed25519.KeyPair ephemeral) {
		return new EdNoiseHandshake(false, s, ephemeral);
	}

	public boolean isInitiator() {
		return this.initiator;
	}

	public boolean isComplete() {
		return this.keys != null;
	}

	/** Whether the next step is writing a message (else reading one). */
	public boolean isWriteTurn() {
		return (this.step % 2 == 0) == this.initiator;
	}

	/** Writes the next message. */
	public byte[] writeMessage() throws NoiseException {
		checkTurn(true);
		byte[] out;
		switch (this.step) {
			case 0 -> {
				this.symmetric.mixHash(this.e.publicKey());
				out = concat(this.e.publicKey(), encryptAndHash(EMPTY));
			}
			case 1 -> {
				this.symmetric.mixHash(this.e.publicKey());
				mixDh(this.eScalar, this.re);
				byte[] cs = encryptAndHash(this.s.publicKey());
				mixDh(this.sScalar, this.re);
				out = concat(this.e.publicKey(), concat(cs, encryptAndHash(EMPTY)));
			}
			default -> {
				byte[] cs = encryptAndHash(this.s.publicKey());
				mixDh(this.sScalar, this.re);
				out = concat(cs, encryptAndHash(EMPTY));
				finish();
			}
		}
		this.step++;
		return out;
	}

	/** Reads the peer's next message. */
	public void readMessage(byte[] m) throws NoiseException {
		checkTurn(false);
		switch (this.step) {
			case 0 -> {
				expectLength(m, KEY);
				this.re = Arrays.copyOf(m, KEY);
				this.symmetric.mixHash(this.re);
				this.symmetric.decryptAndHash(m, KEY, m.length - KEY);
			}
			case 1 -> {
				expectLength(m, KEY + KEY + 16 + 16);
				this.re = Arrays.copyOf(m, KEY);
				this.symmetric.mixHash(this.re);
				mixDh(this.eScalar, this.re);
				this.rs = this.symmetric.decryptAndHash(m, KEY, KEY + 16);
				mixDh(this.eScalar, this.rs);
				this.symmetric.decryptAndHash(m, 2 * KEY + 16, m.length - 2 * KEY - 16);
			}
			default -> {
				expectLength(m, KEY + 16 + 16);
				this.rs = this.symmetric.decryptAndHash(m, 0, KEY + 16);
				mixDh(this.eScalar, this.rs);
				this.symmetric.decryptAndHash(m, KEY + 16, m.length - KEY - 16);
				finish();
			}
		}
		this.step++;
	}

	/** The handshake hash, 64 bytes, once complete. */
	public byte[] handshakeHash() {
		checkComplete();
		return this.hash.clone();
	}

	/** The key this side encrypts with (32 bytes), once complete. */
	public byte[] sendKey() {
		checkComplete();
		return this.keys[this.initiator ? 0 : 1].clone();
	}

	/** The key this side decrypts with (32 bytes), once complete. */
	public byte[] receiveKey() {
		checkComplete();
		return this.keys[this.initiator ? 1 : 0].clone();
	}

	/** The peer's static Ed25519 public key, once received. */
	public byte[] remoteStaticKey() {
		return this.rs == null ? null : this.rs.clone();
	}

	private void mixDh(byte[] scalar, byte[] remote) throws NoiseException {
		byte[] shared;
		try {
			shared = EdwardsDh.dh(scalar, remote);
		}
		catch (IllegalArgumentException ex) {
			throw new NoiseException("Noise handshake failed: the peer's key is rejected: " + ex.getMessage(), ex);
		}
		this.symmetric.mixKey(shared);
		Arrays.fill(shared, (byte) 0);
	}

	private byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
		byte[] out = new byte[plaintext.length + (this.symmetric.hasKey() ? 16 : 0)];
		this.symmetric.encryptAndHash(plaintext, out, 0);
		return out;
	}

	private void finish() {
		this.hash = this.symmetric.handshakeHash();
		this.keys = this.symmetric.splitKeys();
		this.symmetric.destroy();
		Arrays.fill(this.sScalar, (byte) 0);
		Arrays.fill(this.eScalar, (byte) 0);
	}

	private void checkTurn(boolean write) throws NoiseException {
		if (isComplete()) {
			throw new NoiseException("The Noise handshake is already complete");
		}
		if (isWriteTurn() != write) {
			throw new NoiseException("Out of turn: the Noise handshake expects to " + (write ? "read" : "write") + " now");
		}
	}

	private void checkComplete() {
		if (!isComplete()) {
			throw new IllegalStateException("The Noise handshake is not complete");
		}
	}

	private static void expectLength(byte[] m, int length) throws NoiseException {
		if (m.length != length) {
			throw new NoiseException("A Noise handshake message is " + m.length + " bytes; expected " + length);
		}
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}
}
