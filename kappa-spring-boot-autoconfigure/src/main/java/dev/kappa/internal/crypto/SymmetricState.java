package dev.kappa.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The Noise {@code SymmetricState} (spec section 5.2) with HASH = BLAKE2b-512 (HASHLEN 64, BLOCKLEN 128):
 * the chaining key {@code ck}, the handshake hash {@code h} and the handshake's {@link CipherState}.
 * {@code HMAC-HASH} is RFC 2104 HMAC over BLAKE2b (BC's {@link HMac} with a 128-byte block) and {@code HKDF}
 * is the Noise spec's two- or three-output HKDF over it, not RFC 5869's general one.
 */
final class SymmetricState {

	static final int HASH_LENGTH = 64;

	private final Blake2bDigest digest = new Blake2bDigest(512);

	private final HMac hmac = new HMac(new Blake2bDigest(512));

	private final CipherState cipher = new CipherState();

	private final byte[] ck = new byte[HASH_LENGTH];

	private final byte[] h = new byte[HASH_LENGTH];

	/** {@code InitializeSymmetric(protocol_name)}. */
	SymmetricState(String protocolName) {
		byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
		if (name.length <= HASH_LENGTH) {
			System.arraycopy(name, 0, this.h, 0, name.length);
		}
		else {
			this.digest.update(name, 0, name.length);
			this.digest.doFinal(this.h, 0);
		}
		System.arraycopy(this.h, 0, this.ck, 0, HASH_LENGTH);
	}

	boolean hasKey() {
		return this.cipher.hasKey();
	}

	/** {@code MixKey(input_key_material)}. */
	void mixKey(byte[] inputKeyMaterial) {
		byte[][] out = hkdf(inputKeyMaterial, 2);
		System.arraycopy(out[0], 0, this.ck, 0, HASH_LENGTH);
		this.cipher.initializeKey(Arrays.copyOf(out[1], CipherState.KEY_LENGTH));
	}

	/** {@code MixHash(data[offset, offset+length))}. */
	void mixHash(byte[] data, int offset, int length) {
		this.digest.update(this.h, 0, HASH_LENGTH);
		this.digest.update(data, offset, length);
		this.digest.doFinal(this.h, 0);
	}

	void mixHash(byte[] data) {
		mixHash(data, 0, data.length);
	}

	/** {@code MixKeyAndHash(input_key_material)}, used for {@code psk} tokens. */
	void mixKeyAndHash(byte[] inputKeyMaterial) {
		byte[][] out = hkdf(inputKeyMaterial, 3);
		System.arraycopy(out[0], 0, this.ck, 0, HASH_LENGTH);
		mixHash(out[1]);
		this.cipher.initializeKey(Arrays.copyOf(out[2], CipherState.KEY_LENGTH));
	}

	/** {@code GetHandshakeHash()}: a copy of {@code h}. */
	byte[] handshakeHash() {
		return this.h.clone();
	}

	/**
	 * {@code EncryptAndHash(plaintext)} into {@code out} at {@code offset} (plaintext is copied as is while
	 * there is no key yet).
	 * @return the number of bytes written
	 */
	int encryptAndHash(byte[] plaintext, byte[] out, int offset) throws NoiseException {
		int written;
		if (this.cipher.hasKey()) {
			written = this.cipher.encrypt(this.h, plaintext, 0, plaintext.length, out, offset);
		}
		else {
			System.arraycopy(plaintext, 0, out, offset, plaintext.length);
			written = plaintext.length;
		}
		mixHash(out, offset, written);
		return written;
	}

	/** {@code DecryptAndHash(message[offset, offset+length))}. */
	byte[] decryptAndHash(byte[] message, int offset, int length) throws NoiseException {
		byte[] plaintext;
		if (this.cipher.hasKey()) {
			plaintext = new byte[Math.max(0, length - CipherState.TAG_LENGTH)];
			this.cipher.decrypt(this.h, message, offset, length, plaintext, 0);
		}
		else {
			plaintext = Arrays.copyOfRange(message, offset, offset + length);
		}
		mixHash(message, offset, length);
		return plaintext;
	}

	/** {@code Split()}: the initiator-to-responder and responder-to-initiator states, in that order. */
	CipherState[] split() {
		byte[][] out = hkdf(new byte[0], 2);
		return new CipherState[] { new CipherState(Arrays.copyOf(out[0], CipherState.KEY_LENGTH)),
				new CipherState(Arrays.copyOf(out[1], CipherState.KEY_LENGTH)) };
	}

	/** {@code Split()} as raw keys (for transports other than a Noise CipherState): {@code k1, k2}. */
	byte[][] splitKeys() {
		byte[][] out = hkdf(new byte[0], 2);
		return new byte[][] { Arrays.copyOf(out[0], CipherState.KEY_LENGTH), Arrays.copyOf(out[1], CipherState.KEY_LENGTH) };
	}

	/** Wipes the chaining key and the handshake cipher; {@code h} stays readable. */
	void destroy() {
		Arrays.fill(this.ck, (byte) 0);
		this.cipher.destroy();
	}

	/** Noise {@code HKDF(ck, input_key_material, num_outputs)}, 2 or 3 outputs of HASHLEN bytes. */
	private byte[][] hkdf(byte[] inputKeyMaterial, int outputs) {
		byte[] tempKey = hmac(this.ck, inputKeyMaterial, null, (byte) 0);
		byte[][] out = new byte[outputs][];
		out[0] = hmac(tempKey, null, null, (byte) 1);
		for (int i = 1; i < outputs; i++) {
			out[i] = hmac(tempKey, null, out[i - 1], (byte) (i + 1));
		}
		Arrays.fill(tempKey, (byte) 0);
		return out;
	}

	/** {@code HMAC-HASH(key, data || previous || counter)}; null parts are left out, counter 0 means none. */
	private byte[] hmac(byte[] key, byte[] data, byte[] previous, byte counter) {
		this.hmac.init(new KeyParameter(key));
		if (data != null) {
			this.hmac.update(data, 0, data.length);
		}
		if (previous != null) {
			this.hmac.update(previous, 0, previous.length);
		}
		if (counter != 0) {
			this.hmac.update(counter);
		}
		byte[] out = new byte[HASH_LENGTH];
		this.hmac.doFinal(out, 0);
		return out;
	}
}
