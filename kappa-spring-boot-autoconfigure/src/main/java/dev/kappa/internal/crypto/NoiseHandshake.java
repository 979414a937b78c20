package dev.kappa.internal.crypto;

import java.util.Arrays;

import dev.kappa.internal.crypto.HandshakePattern.Token;

/**
 * One side of a Noise handshake (spec revision 34, {@code HandshakeState}). Replication runs
 * {@value #PROTOCOL_NAME}: mutual authentication by static X25519 keys, with the 32-byte network key as the
 * pre-shared key mixed in at the third message, so a peer without the network key cannot complete it. Create
 * a side with {@link #initiator} or {@link #responder}, alternate {@link #writeMessage} and
 * {@link #readMessage} (initiator writes message 1 and 3, responder writes message 2), then {@link #split()}
 * into a {@link NoiseTransport}.
 * <p>
 * What it protects and what not: message 1 carries no identity; message 2 reveals the responder's static
 * public key to anyone who connects (encrypted only under ephemeral keys), message 3 reveals the initiator's
 * to the responder. The network key authenticates message 3 and everything after, so a responder rejects a
 * peer without it at message 3, and an initiator talking to a responder without it fails on the first
 * transport message. The payload of message 1 is readable by anyone (its key derives from public values only)
 * and that of message 2 is not yet bound to the network key, so neither may carry secrets.
 * <p>
 * Why this is implemented here: no maintained library on Maven Central offers the modern {@code psk3}
 * modifier with 25519/ChaChaPoly/BLAKE2b. {@code noise-java} (rweather, 2016-2018, and its forks on Central
 * such as {@code org.signal.forks:noise-java}) knows the old {@code NoisePSK_} prefix, not the {@code pskN}
 * modifiers of revision 32+; {@code jchambers/java-noise} does implement revision 34 with all modifiers, but
 * its coordinates {@code com.eatthepath:java-noise} have no release on Central, it goes through JCE
 * {@code Cipher} objects and, by its own README, skips the nonce-rollover check. So this class follows the
 * spec directly on Bouncy Castle primitives (X25519 from
 * {@code rfc7748}, ChaCha20 and Poly1305 in {@link CipherState}, BLAKE2b-512 and HMAC in
 * {@link SymmetricState}) and is checked byte for byte against the cacophony test vectors. The pattern table
 * ({@link HandshakePattern}) holds XXpsk3 and, for the vectors, XX and NN.
 * <p>
 * Not thread-safe. A failed handshake stays failed; close the connection.
 * <p>
 * Internal: used by the replication package, not part of the API.
 */
public final class NoiseHandshake {

	/** The protocol replication speaks. */
	public static final String PROTOCOL_NAME = "Noise_XXpsk3_25519_ChaChaPoly_BLAKE2b";

	/** The largest handshake message, in bytes. */
	public static final int MAX_MESSAGE_LENGTH = CipherState.MAX_MESSAGE_LENGTH;

	/** Length of the pre-shared (network) key. */
	public static final int PSK_LENGTH = 32;

	private static final int DH_LENGTH = X25519KeyPair.KEY_LENGTH;

	private final HandshakePattern pattern;

	private final boolean initiator;

	private final SymmetricState symmetric;

	private final X25519KeyPair s;

	private final byte[] psk;

	private final boolean ephemeralGiven;

	private X25519KeyPair e;

	private byte[] re;

	private byte[] rs;

	private int index;

	private boolean pskMixed;

	private boolean failed;

	private CipherState[] split;

	NoiseHandshake(HandshakePattern pattern, boolean initiator, byte[] prologue, X25519KeyPair s, X25519KeyPair e,
			byte[] psk) {
		if (pattern.needsLocalStatic(initiator) && s == null) {
			throw new IllegalArgumentException(pattern.protocolName() + " needs a static key pair on this side");
		}
		if (pattern.hasPsk() && (psk == null || psk.length != PSK_LENGTH)) {
			throw new IllegalArgumentException("The pre-shared key is 32 bytes, got "
					+ (psk == null ? "null" : psk.length));
		}
		this.pattern = pattern;
		this.initiator = initiator;
		this.s = s;
		this.e = e;
		this.ephemeralGiven = (e != null);
		this.psk = pattern.hasPsk() ? psk.clone() : null;
		this.symmetric = new SymmetricState(pattern.protocolName());
		this.symmetric.mixHash(prologue != null ? prologue : new byte[0]);
	}

	/**
	 * The initiating side of {@value #PROTOCOL_NAME}.
	 * @param s this node's static key pair
	 * @param psk the 32-byte network key
	 * @param prologue bytes both sides must agree on (e.g. a protocol/version string); may be empty
	 */
	public static NoiseHandshake initiator(X25519KeyPair s, byte[] psk, byte[] prologue) {
		return new NoiseHandshake(HandshakePattern.XXpsk3, true, prologue, s, null, psk);
	}

	/** The responding side of {@value #PROTOCOL_NAME}; arguments as for {@link #initiator}. */
	public static NoiseHandshake responder(X25519KeyPair s, byte[] psk, byte[] prologue) {
		return new NoiseHandshake(HandshakePattern.XXpsk3, false, prologue, s, null, psk);
	}

	public String protocolName() {
		return this.pattern.protocolName();
	}

	public boolean isInitiator() {
		return this.initiator;
	}

	/** Whether all handshake messages have been written or read; then {@link #split()} may be called. */
	public boolean isComplete() {
		return this.index == this.pattern.messageCount() && !this.failed;
	}

	/** Whether the next step on this side is {@link #writeMessage} (otherwise {@link #readMessage}). */
	public boolean isWriteTurn() {
		return (this.index % 2 == 0) == this.initiator;
	}

	/** The peer's static public key once a message carrying it was read, otherwise null. */
	public byte[] remoteStaticKey() {
		return (this.rs != null) ? this.rs.clone() : null;
	}

	/**
	 * The handshake hash {@code h}: after completion, a value both sides share and that binds the whole
	 * transcript (usable for channel binding).
	 */
	public byte[] handshakeHash() {
		return this.symmetric.handshakeHash();
	}

	/**
	 * Writes the next handshake message with {@code payload} (may be empty).
	 * @throws IllegalArgumentException if the message would exceed {@value #MAX_MESSAGE_LENGTH} bytes
	 * @throws NoiseException if the peer's keys make a DH fail (a low-order point)
	 */
	public byte[] writeMessage(byte[] payload) throws NoiseException {
		checkTurn(true);
		Token[] tokens = this.pattern.message(this.index);
		int length = messageLength(tokens, payload.length);
		if (length > MAX_MESSAGE_LENGTH) {
			throw new IllegalArgumentException("Noise handshake message " + (this.index + 1) + " would be " + length
					+ " bytes, more than the maximum of " + MAX_MESSAGE_LENGTH);
		}
		byte[] out = new byte[length];
		int pos = 0;
		try {
			for (Token token : tokens) {
				switch (token) {
					case E -> {
						if (this.e == null) {
							this.e = X25519KeyPair.generate();
						}
						this.e.writePublicKey(out, pos);
						mixEphemeral(out, pos);
						pos += DH_LENGTH;
					}
					case S -> pos += this.symmetric.encryptAndHash(this.s.publicKey(), out, pos);
					default -> mixToken(token);
				}
			}
			pos += this.symmetric.encryptAndHash(payload, out, pos);
		}
		catch (NoiseException ex) {
			this.failed = true;
			throw ex;
		}
		advance();
		return out;
	}

	/**
	 * Reads the peer's next handshake message.
	 * @return its payload
	 * @throws NoiseException if the message is malformed or does not authenticate; the message says which
	 * message failed and the likely causes
	 */
	public byte[] readMessage(byte[] message) throws NoiseException {
		checkTurn(false);
		int number = this.index + 1;
		try {
			if (message.length > MAX_MESSAGE_LENGTH) {
				throw new NoiseException("Noise handshake failed: message " + number + " is " + message.length
						+ " bytes, more than the maximum of " + MAX_MESSAGE_LENGTH);
			}
			Token[] tokens = this.pattern.message(this.index);
			int minimum = messageLength(tokens, 0);
			if (message.length < minimum) {
				throw new NoiseException("Noise handshake failed: message " + number + " is truncated ("
						+ message.length + " bytes, at least " + minimum + " expected)");
			}
			int pos = 0;
			for (Token token : tokens) {
				switch (token) {
					case E -> {
						this.re = Arrays.copyOfRange(message, pos, pos + DH_LENGTH);
						mixEphemeral(message, pos);
						pos += DH_LENGTH;
					}
					case S -> {
						int len = DH_LENGTH + (this.symmetric.hasKey() ? CipherState.TAG_LENGTH : 0);
						this.rs = decrypt(message, pos, len, number);
						pos += len;
					}
					default -> mixToken(token);
				}
			}
			byte[] payload = decrypt(message, pos, message.length - pos, number);
			advance();
			return payload;
		}
		catch (NoiseException ex) {
			this.failed = true;
			throw ex;
		}
	}

	/**
	 * The transport for after the handshake: sends with the initiator-to-responder key on the initiator and
	 * the other one on the responder. May be called once; the handshake's remaining secrets are then wiped.
	 */
	public NoiseTransport split() {
		if (!isComplete() || this.split == null) {
			throw new IllegalStateException(this.split == null && isComplete() ? "Noise handshake already split"
					: "Noise handshake is not complete");
		}
		CipherState[] states = this.split;
		this.split = null;
		this.symmetric.destroy();
		if (!this.ephemeralGiven && this.e != null) {
			this.e.destroy();
		}
		return this.initiator ? new NoiseTransport(states[0], states[1]) : new NoiseTransport(states[1], states[0]);
	}

	private void checkTurn(boolean writing) {
		if (this.failed) {
			throw new IllegalStateException("Noise handshake already failed");
		}
		if (this.index >= this.pattern.messageCount()) {
			throw new IllegalStateException("Noise handshake is complete; use split()");
		}
		if (isWriteTurn() != writing) {
			throw new IllegalStateException("Noise handshake expects this side to " + (writing ? "read" : "write")
					+ " message " + (this.index + 1));
		}
	}

	/** The exact size of a message with these tokens and a payload of {@code payloadLength} bytes. */
	private int messageLength(Token[] tokens, int payloadLength) {
		boolean keyed = this.symmetric.hasKey();
		int length = 0;
		for (Token token : tokens) {
			switch (token) {
				case E -> {
					length += DH_LENGTH;
					keyed |= this.pattern.hasPsk();
				}
				case S -> length += DH_LENGTH + (keyed ? CipherState.TAG_LENGTH : 0);
				default -> keyed = true;
			}
		}
		return length + payloadLength + (keyed ? CipherState.TAG_LENGTH : 0);
	}

	/** The {@code e} token's hashing: MixHash(e.public_key), plus MixKey(e.public_key) in psk handshakes. */
	private void mixEphemeral(byte[] buffer, int offset) {
		this.symmetric.mixHash(buffer, offset, DH_LENGTH);
		if (this.pattern.hasPsk()) {
			this.symmetric.mixKey(Arrays.copyOfRange(buffer, offset, offset + DH_LENGTH));
		}
	}

	/** The DH and psk tokens, which are the same whichever side writes the message. */
	private void mixToken(Token token) throws NoiseException {
		switch (token) {
			case EE -> this.symmetric.mixKey(this.e.dh(this.re));
			case ES -> this.symmetric.mixKey(this.initiator ? this.e.dh(this.rs) : this.s.dh(this.re));
			case SE -> this.symmetric.mixKey(this.initiator ? this.s.dh(this.re) : this.e.dh(this.rs));
			case SS -> this.symmetric.mixKey(this.s.dh(this.rs));
			case PSK -> {
				this.symmetric.mixKeyAndHash(this.psk);
				this.pskMixed = true;
			}
			default -> throw new IllegalStateException("Not a DH or psk token: " + token);
		}
	}

	private byte[] decrypt(byte[] message, int offset, int length, int number) throws NoiseException {
		try {
			return this.symmetric.decryptAndHash(message, offset, length);
		}
		catch (NoiseException ex) {
			String causes = this.pskMixed ? "wrong network key or tampered data"
					: "tampered data or a different prologue";
			throw new NoiseException("Noise handshake failed: message " + number + " did not authenticate ("
					+ causes + ")", ex);
		}
	}

	private void advance() {
		this.index++;
		if (this.index == this.pattern.messageCount()) {
			this.split = this.symmetric.split();
			if (this.psk != null) {
				Arrays.fill(this.psk, (byte) 0);
			}
		}
	}

	@Override
	public String toString() {
		return "NoiseHandshake[" + protocolName() + ", " + (this.initiator ? "initiator" : "responder") + ", message "
				+ (this.index + 1) + " of " + this.pattern.messageCount() + (this.failed ? ", failed" : "") + "]";
	}
}
