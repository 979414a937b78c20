package dev.kappa.internal.crypto;

import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.Pack;

/**
 * A Noise {@code CipherState} for ChaChaPoly: a 32-byte key and a 64-bit message counter {@code n}. Each
 * message is sealed with ChaCha20-Poly1305 (RFC 8439) under the nonce {@code 0x00000000 || LE64(n)}, then
 * {@code n} is incremented. The counter never wraps: {@code n = 2^64-1} is reserved by the Noise spec, and a
 * state that reaches it refuses to encrypt or decrypt. A message that does not authenticate leaves {@code n}
 * unchanged and writes no plaintext.
 * <p>
 * The AEAD is composed here from {@link ChaCha20} (this package's, word-wise; Bouncy Castle's engine XORed byte
 * by byte and was most of a replication sender's CPU) and Bouncy Castle's {@link Poly1305}, both created once per
 * state, rather than through BC's {@code ChaCha20Poly1305} class: that class copies its input when asked to work
 * in place and releases plaintext before checking the tag. Here the tag is verified first and the ranged methods
 * work in place without copying; the result is byte-identical (checked against BC's AEAD in the tests). Per
 * message only BC's small key parameter object is allocated, no buffers.
 * <p>
 * Not thread-safe: one state per direction, used by one thread at a time.
 * <p>
 * Internal: used by the replication package, not part of the API.
 */
public final class CipherState {

	public static final int KEY_LENGTH = 32;

	public static final int TAG_LENGTH = 16;

	/** The largest Noise message, handshake or transport, in bytes. */
	public static final int MAX_MESSAGE_LENGTH = 65535;

	/** The largest plaintext one message can carry. */
	public static final int MAX_PLAINTEXT_LENGTH = MAX_MESSAGE_LENGTH - TAG_LENGTH;

	private static final byte[] ZEROS = new byte[64];

	private static final byte[] EMPTY = new byte[0];

	private final ChaCha20 chacha = new ChaCha20();

	private final Poly1305 poly = new Poly1305();

	private final byte[] block = new byte[64];

	private final byte[] tag = new byte[TAG_LENGTH];

	private boolean hasKey;

	private long n;

	/** An empty state (no key), as a handshake starts. */
	CipherState() {
	}

	/** A state keyed with {@code key} (32 bytes), counter at 0. */
	CipherState(byte[] key) {
		initializeKey(key);
	}

	/** Noise {@code InitializeKey}: sets the key and resets the counter to 0. */
	void initializeKey(byte[] key) {
		if (key.length != KEY_LENGTH) {
			throw new IllegalArgumentException("A ChaChaPoly key is 32 bytes, got " + key.length);
		}
		this.chacha.init(key);
		this.hasKey = true;
		this.n = 0;
	}

	boolean hasKey() {
		return this.hasKey;
	}

	/** The counter of the next message (unsigned). */
	public long nonce() {
		return this.n;
	}

	/** Noise {@code SetNonce}; for tests of the counter's end. */
	void setNonce(long nonce) {
		this.n = nonce;
	}

	/** Encrypts {@code plaintext} with associated data {@code ad} (null for none) into a new array. */
	public byte[] encrypt(byte[] ad, byte[] plaintext) throws NoiseException {
		byte[] out = new byte[plaintext.length + TAG_LENGTH];
		encrypt(ad, plaintext, 0, plaintext.length, out, 0);
		return out;
	}

	/** Decrypts and authenticates {@code ciphertext} (including its 16-byte tag) into a new array. */
	public byte[] decrypt(byte[] ad, byte[] ciphertext) throws NoiseException {
		byte[] out = new byte[Math.max(0, ciphertext.length - TAG_LENGTH)];
		decrypt(ad, ciphertext, 0, ciphertext.length, out, 0);
		return out;
	}

	/**
	 * Encrypts {@code in[inOff, inOff+len)} into {@code out[outOff, outOff+len+16)}: ciphertext then tag.
	 * {@code in} and {@code out} may be the same array at the same offset (in place; the caller leaves 16 bytes
	 * of room after the plaintext), otherwise the ranges must not overlap.
	 * @return the number of bytes written, {@code len + 16}
	 * @throws NoiseException if the counter is exhausted
	 */
	public int encrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
		if (len < 0 || len > MAX_PLAINTEXT_LENGTH) {
			throw new IllegalArgumentException("A Noise message carries at most " + MAX_PLAINTEXT_LENGTH
					+ " bytes of plaintext, got " + len);
		}
		checkRanges(in, inOff, len, out, outOff, len + TAG_LENGTH);
		byte[] aad = (ad != null) ? ad : EMPTY;
		start();
		xor(in, inOff, len, out, outOff);
		authenticate(aad, out, outOff, len);
		this.poly.doFinal(out, outOff + len);
		this.n++;
		return len + TAG_LENGTH;
	}

	/**
	 * Authenticates {@code in[inOff, inOff+len)} (ciphertext then 16-byte tag) and only then decrypts it into
	 * {@code out[outOff, outOff+len-16)}. Same aliasing rules as
	 * {@link #encrypt(byte[], byte[], int, int, byte[], int)}.
	 * @return the number of plaintext bytes written, {@code len - 16}
	 * @throws NoiseException if the message does not authenticate (nothing is written and the counter stays),
	 * is malformed, or the counter is exhausted
	 */
	public int decrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
		if (len < TAG_LENGTH) {
			throw new NoiseException("Noise message is truncated: " + len + " bytes is shorter than its 16-byte tag");
		}
		if (len > MAX_MESSAGE_LENGTH) {
			throw new NoiseException("Noise message is " + len + " bytes, more than the maximum of "
					+ MAX_MESSAGE_LENGTH);
		}
		int plainLength = len - TAG_LENGTH;
		checkRanges(in, inOff, len, out, outOff, plainLength);
		byte[] aad = (ad != null) ? ad : EMPTY;
		start();
		authenticate(aad, in, inOff, plainLength);
		this.poly.doFinal(this.tag, 0);
		if (!Arrays.constantTimeAreEqual(TAG_LENGTH, this.tag, 0, in, inOff + plainLength)) {
			throw new NoiseException("Noise message " + Long.toUnsignedString(this.n)
					+ " did not authenticate (tampered, reordered, replayed or dropped data, or the wrong key)");
		}
		xor(in, inOff, plainLength, out, outOff);
		this.n++;
		return plainLength;
	}

	/** Keys ChaCha20 for this message's nonce and Poly1305 with the first keystream block (RFC 8439 2.6). */
	private void start() throws NoiseException {
		if (!this.hasKey) {
			throw new IllegalStateException("CipherState has no key yet");
		}
		if (this.n == -1L) {
			throw new NoiseException("Noise session exhausted its 2^64-1 message nonces; reconnect");
		}
		this.chacha.block(0, 0, (int) this.n, (int) (this.n >>> 32), this.block);
		this.poly.init(new KeyParameter(this.block, 0, 32));
		java.util.Arrays.fill(this.block, (byte) 0);
	}

	/** ChaCha20 from block 1 under this message's nonce {@code 0x00000000 || LE64(n)} (RFC 8439 2.8). */
	private void xor(byte[] in, int inOff, int len, byte[] out, int outOff) {
		this.chacha.xor(1, 0, (int) this.n, (int) (this.n >>> 32), in, inOff, len, out, outOff);
	}

	/** Feeds Poly1305 with {@code ad || pad16 || ciphertext || pad16 || LE64(|ad|) || LE64(|ciphertext|)}. */
	private void authenticate(byte[] ad, byte[] ciphertext, int offset, int length) {
		this.poly.update(ad, 0, ad.length);
		pad(ad.length);
		this.poly.update(ciphertext, offset, length);
		pad(length);
		Pack.longToLittleEndian(ad.length, this.block, 0);
		Pack.longToLittleEndian(length, this.block, 8);
		this.poly.update(this.block, 0, 16);
	}

	private void pad(int length) {
		int partial = length & 15;
		if (partial != 0) {
			this.poly.update(ZEROS, 0, 16 - partial);
		}
	}

	private static void checkRanges(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
		java.util.Objects.checkFromIndexSize(inOff, inLen, in.length);
		java.util.Objects.checkFromIndexSize(outOff, outLen, out.length);
		if (in == out && inOff != outOff && inOff < outOff + outLen && outOff < inOff + inLen) {
			throw new IllegalArgumentException("Input and output overlap at different offsets");
		}
	}

	/** Forgets the key: the state cannot be used afterwards. */
	void destroy() {
		this.chacha.destroy();
		this.hasKey = false;
	}

	@Override
	public String toString() {
		return "CipherState[n=" + Long.toUnsignedString(this.n) + ", keyed=" + this.hasKey + "]";
	}
}
