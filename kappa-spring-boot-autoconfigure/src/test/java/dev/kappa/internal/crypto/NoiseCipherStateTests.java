package dev.kappa.internal.crypto;

import java.util.Random;

import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Pack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ChaChaPoly {@link CipherState}: byte-identical to Bouncy Castle's own RFC 8439 AEAD with the Noise nonce
 * layout, and its counter never wraps.
 */
class NoiseCipherStateTests {

	@Test
	void sealsExactlyLikeBouncyCastlesAeadWithTheNoiseNonce() throws Exception {
		Random random = new Random(7);
		byte[] key = new byte[32];
		random.nextBytes(key);
		CipherState state = new CipherState(key);
		state.setNonce(0x0102030405060708L);
		for (int length = 0; length < 300; length++) {
			byte[] ad = new byte[length % 37];
			byte[] plaintext = new byte[length];
			random.nextBytes(ad);
			random.nextBytes(plaintext);
			long n = state.nonce();
			byte[] sealed = state.encrypt(ad, plaintext);
			assertThat(sealed).as("length %d", length).isEqualTo(bouncyCastle(key, n, ad, plaintext));
			CipherState opener = new CipherState(key);
			opener.setNonce(n);
			assertThat(opener.decrypt(ad, sealed)).isEqualTo(plaintext);
		}
	}

	@Test
	void theLastNonceIsReservedAndNeverWraps() throws NoiseException {
		CipherState sender = new CipherState(new byte[32]);
		CipherState receiver = new CipherState(new byte[32]);
		sender.setNonce(-2L);
		receiver.setNonce(-2L);
		assertThat(receiver.decrypt(null, sender.encrypt(null, new byte[3]))).hasSize(3);
		assertThat(Long.toUnsignedString(sender.nonce())).isEqualTo("18446744073709551615");
		assertThatThrownBy(() -> sender.encrypt(null, new byte[3])).isInstanceOf(NoiseException.class)
			.hasMessageContaining("exhausted");
		assertThatThrownBy(() -> receiver.decrypt(null, new byte[19])).isInstanceOf(NoiseException.class)
			.hasMessageContaining("exhausted");
		assertThat(sender.nonce()).isEqualTo(-1L);
	}

	@Test
	void aKeyIsRequiredAndChecked() {
		assertThatThrownBy(() -> new CipherState().encrypt(null, new byte[1])).isInstanceOf(IllegalStateException.class);
		assertThatIllegalArgumentException().isThrownBy(() -> new CipherState(new byte[16]))
			.withMessage("A ChaChaPoly key is 32 bytes, got 16");
	}

	private static byte[] bouncyCastle(byte[] key, long n, byte[] ad, byte[] plaintext) throws Exception {
		byte[] nonce = new byte[12];
		Pack.longToLittleEndian(n, nonce, 4);
		ChaCha20Poly1305 aead = new ChaCha20Poly1305();
		aead.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, ad));
		byte[] out = new byte[plaintext.length + 16];
		int len = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
		aead.doFinal(out, len);
		return out;
	}
}
