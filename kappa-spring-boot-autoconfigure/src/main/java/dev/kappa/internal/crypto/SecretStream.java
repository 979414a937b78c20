package dev.kappa.internal.crypto;

import java.util.Arrays;

import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * One direction of libsodium's {@code crypto_secretstream_xchacha20poly1305}, as hypercore's secret-stream uses
 * it: the state is {@code k = HChaCha20(key, header[0..16])} and a 12-byte nonce {@code u32le(counter) ‖
 * inonce}; each record is the encrypted tag byte, the ciphertext and a 16-byte Poly1305 MAC (17 bytes of
 * overhead). The MAC input keeps libsodium's padding ({@code mlen mod 16} zero bytes, not the AEAD standard's);
 * after each record the MAC is folded into the nonce, and the state rekeys when the counter wraps or a record
 * has the REKEY tag.
 * <p>
 * Not thread-safe: one instance per direction.
 * <p>
 * Internal: used by the hypercore transport, not part of the API.
 */
public final class SecretStream {

	public static final int KEY_LENGTH = 32;

	public static final int HEADER_LENGTH = 24;

	/** Bytes a record adds to its plaintext. */
	public static final int ABYTES = 17;

	public static final int TAG_MESSAGE = 0;

	public static final int TAG_REKEY = 2;

	private static final byte[] ZEROS = new byte[64];

	private final byte[] k;

	private final byte[] nonce = new byte[12];

	private final ChaCha7539Engine chacha = new ChaCha7539Engine();

	private final Poly1305 poly = new Poly1305();

	private final byte[] block0 = new byte[64];

	private final byte[] block1 = new byte[64];

	private final byte[] mac = new byte[16];

	private final byte[] lengths = new byte[16];

	private int lastTag;

	/** The state for {@code key} and the 24-byte {@code header} ({@code init_push}/{@code init_pull}). */
	public SecretStream(byte[] key, byte[] header) {
		if (key.length != KEY_LENGTH || header.length != HEADER_LENGTH) {
			throw new IllegalArgumentException("A secretstream key is 32 bytes and a header 24 bytes");
		}
		this.k = HChaCha20.hash(key, header);
		this.nonce[0] = 1;
		System.arraycopy(header, 16, this.nonce, 4, 8);
	}

	/** The tag of the last record pulled. */
	public int lastTag() {
		return this.lastTag;
	}

	/** Encrypts {@code m[off, off+len)} with {@code tag} into a new record of {@code len + 17} bytes. */
	public byte[] push(byte[] m, int off, int len, int tag) {
		byte[] out = new byte[len + ABYTES];
		startRecord();
		Arrays.fill(this.block1, (byte) 0);
		this.block1[0] = (byte) tag;
		this.chacha.processBytes(this.block1, 0, 64, this.block1, 0);
		out[0] = this.block1[0];
		this.chacha.processBytes(m, off, len, out, 1);
		computeMac(out, 1, len);
		System.arraycopy(this.mac, 0, out, 1 + len, 16);
		advance(tag);
		return out;
	}

	/**
	 * Authenticates and decrypts a record {@code in[off, off+len)}.
	 * @throws NoiseException if it is shorter than 17 bytes or its MAC does not verify (the state is then unchanged)
	 */
	public byte[] pull(byte[] in, int off, int len) throws NoiseException {
		if (len < ABYTES) {
			throw new NoiseException("A secretstream record is at least 17 bytes, got " + len);
		}
		int mlen = len - ABYTES;
		startRecord();
		Arrays.fill(this.block1, (byte) 0);
		this.block1[0] = in[off];
		this.chacha.processBytes(this.block1, 0, 64, this.block1, 0);
		int tag = this.block1[0] & 0xff;
		this.block1[0] = in[off];
		computeMac(in, off + 1, mlen);
		if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(16, this.mac, 0, in, off + 1 + mlen)) {
			throw new NoiseException("secretstream record does not authenticate (tampered, or the wrong key)");
		}
		byte[] m = new byte[mlen];
		this.chacha.processBytes(in, off + 1, mlen, m, 0);
		this.lastTag = tag;
		advance(tag);
		return m;
	}

	/** Sets the 32-bit record counter (tests of the wrap-around rekey). */
	void setCounter(int counter) {
		for (int i = 0; i < 4; i++) {
			this.nonce[i] = (byte) (counter >>> (8 * i));
		}
	}

	private void startRecord() {
		this.chacha.init(true, new ParametersWithIV(new KeyParameter(this.k), this.nonce));
		this.chacha.processBytes(ZEROS, 0, 64, this.block0, 0);
	}

	private void computeMac(byte[] c, int off, int mlen) {
		this.poly.init(new KeyParameter(this.block0, 0, 32));
		this.poly.update(this.block1, 0, 64);
		this.poly.update(c, off, mlen);
		this.poly.update(ZEROS, 0, (int) ((0x10L - 64 + mlen) & 0xf));
		Arrays.fill(this.lengths, (byte) 0);
		long total = 64L + mlen;
		for (int i = 0; i < 8; i++) {
			this.lengths[8 + i] = (byte) (total >>> (8 * i));
		}
		this.poly.update(this.lengths, 0, 16);
		this.poly.doFinal(this.mac, 0);
	}

	private void advance(int tag) {
		for (int i = 0; i < 8; i++) {
			this.nonce[4 + i] ^= this.mac[i];
		}
		for (int i = 0; i < 4 && ++this.nonce[i] == 0; i++) {
			// carry
		}
		if ((tag & TAG_REKEY) != 0 || (this.nonce[0] | this.nonce[1] | this.nonce[2] | this.nonce[3]) == 0) {
			rekey();
		}
	}

	/** libsodium's {@code crypto_secretstream_xchacha20poly1305_rekey}. */
	void rekey() {
		byte[] buf = new byte[40];
		System.arraycopy(this.k, 0, buf, 0, 32);
		System.arraycopy(this.nonce, 4, buf, 32, 8);
		ChaCha7539Engine stream = new ChaCha7539Engine();
		stream.init(true, new ParametersWithIV(new KeyParameter(this.k), this.nonce));
		stream.processBytes(buf, 0, 40, buf, 0);
		System.arraycopy(buf, 0, this.k, 0, 32);
		System.arraycopy(buf, 32, this.nonce, 4, 8);
		Arrays.fill(buf, (byte) 0);
		this.nonce[0] = 1;
		this.nonce[1] = 0;
		this.nonce[2] = 0;
		this.nonce[3] = 0;
	}
}
