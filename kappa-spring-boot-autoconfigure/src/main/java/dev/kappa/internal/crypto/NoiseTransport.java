package dev.kappa.internal.crypto;

/**
 * The two {@link CipherState}s of a finished Noise handshake: one to seal the messages this side sends, one to
 * open the peer's. Messages must be opened in the order they were sealed: the nonce is implicit, so a
 * reordered, replayed, dropped or altered message fails to decrypt (and leaves the receiving state unchanged,
 * though the connection should be closed). Each message is at most {@value CipherState#MAX_MESSAGE_LENGTH}
 * bytes, 16 of them the tag; framing (e.g. a length prefix) is the caller's.
 * <p>
 * The send and receive halves are independent, so one thread may send while another receives; each half on
 * its own is not thread-safe.
 * <p>
 * Internal: used by the replication package, not part of the API.
 */
public final class NoiseTransport {

	/** Bytes a sealed message adds to its plaintext. */
	public static final int OVERHEAD = CipherState.TAG_LENGTH;

	private final CipherState sender;

	private final CipherState receiver;

	NoiseTransport(CipherState sender, CipherState receiver) {
		this.sender = sender;
		this.receiver = receiver;
	}

	/** Seals {@code plaintext} into a new array of {@code plaintext.length + 16} bytes. */
	public byte[] encrypt(byte[] plaintext) throws NoiseException {
		return this.sender.encrypt(null, plaintext);
	}

	/** Opens the peer's next message. */
	public byte[] decrypt(byte[] ciphertext) throws NoiseException {
		return this.receiver.decrypt(null, ciphertext);
	}

	/**
	 * Seals {@code in[inOff, inOff+len)} into {@code out} at {@code outOff} without allocating; in place when
	 * {@code in == out} and {@code inOff == outOff} (leave 16 bytes of room).
	 * @return bytes written, {@code len + 16}
	 */
	public int encrypt(byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
		return this.sender.encrypt(null, in, inOff, len, out, outOff);
	}

	/**
	 * Opens {@code in[inOff, inOff+len)} into {@code out} at {@code outOff} without allocating; in place when
	 * {@code in == out} and {@code inOff == outOff}. Nothing is written if it does not authenticate.
	 * @return plaintext bytes written, {@code len - 16}
	 */
	public int decrypt(byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
		return this.receiver.decrypt(null, in, inOff, len, out, outOff);
	}

	/** The state sealing this side's messages. */
	public CipherState sender() {
		return this.sender;
	}

	/** The state opening the peer's messages. */
	public CipherState receiver() {
		return this.receiver;
	}
}
