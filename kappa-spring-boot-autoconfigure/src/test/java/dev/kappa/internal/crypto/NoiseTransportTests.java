package dev.kappa.internal.crypto;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.kappa.internal.crypto.NoiseHandshakeTests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transport after a real XXpsk3 handshake: order, volume, tampering and the allocation-free ranged calls.
 */
class NoiseTransportTests {

	private NoiseTransport alice;

	private NoiseTransport bob;

	@BeforeEach
	void handshake() throws NoiseException {
		byte[] psk = NoiseHandshakeTests.bytes(32, 9);
		NoiseHandshake initiator = NoiseHandshake.initiator(X25519KeyPair.generate(), psk, new byte[0]);
		NoiseHandshake responder = NoiseHandshake.responder(X25519KeyPair.generate(), psk, new byte[0]);
		responder.readMessage(initiator.writeMessage(new byte[0]));
		initiator.readMessage(responder.writeMessage(new byte[0]));
		responder.readMessage(initiator.writeMessage(new byte[0]));
		this.alice = initiator.split();
		this.bob = responder.split();
	}

	@Test
	void tenThousandMessagesEachWayArriveIntact() throws NoiseException {
		Random random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			byte[] toBob = new byte[random.nextInt(300)];
			random.nextBytes(toBob);
			byte[] sealed = this.alice.encrypt(toBob);
			assertThat(sealed).hasSize(toBob.length + NoiseTransport.OVERHEAD);
			assertThat(this.bob.decrypt(sealed)).isEqualTo(toBob);
			byte[] toAlice = utf8("reply " + i);
			assertThat(this.alice.decrypt(this.bob.encrypt(toAlice))).isEqualTo(toAlice);
		}
		assertThat(this.alice.sender().nonce()).isEqualTo(10_000);
		assertThat(this.alice.receiver().nonce()).isEqualTo(10_000);
		assertThat(this.bob.sender().nonce()).isEqualTo(10_000);
	}

	@Test
	void messagesMustBeOpenedInOrderAndOnlyOnce() throws NoiseException {
		byte[] first = this.alice.encrypt(utf8("first"));
		byte[] second = this.alice.encrypt(utf8("second"));
		assertThatThrownBy(() -> this.bob.decrypt(second)).isInstanceOf(NoiseException.class)
			.hasMessageContaining("did not authenticate");
		assertThat(this.bob.decrypt(first)).isEqualTo(utf8("first"));
		assertThatThrownBy(() -> this.bob.decrypt(first)).as("replay").isInstanceOf(NoiseException.class);
		assertThat(this.bob.decrypt(second)).isEqualTo(utf8("second"));
	}

	@Test
	void everyFlippedBitIsDetectedAndTheIntactMessageStillOpens() throws NoiseException {
		byte[] sealed = this.alice.encrypt(utf8("a replicated log entry"));
		for (int bit = 0; bit < sealed.length * 8; bit++) {
			byte[] tampered = sealed.clone();
			tampered[bit / 8] ^= (byte) (1 << (bit % 8));
			assertThatThrownBy(() -> this.bob.decrypt(tampered)).as("bit %d", bit).isInstanceOf(NoiseException.class);
		}
		assertThat(this.bob.receiver().nonce()).isZero();
		assertThat(this.bob.decrypt(sealed)).isEqualTo(utf8("a replicated log entry"));
	}

	@Test
	void theDirectionsUseDifferentKeys() throws NoiseException {
		byte[] fromAlice = this.alice.encrypt(utf8("same"));
		byte[] fromBob = this.bob.encrypt(utf8("same"));
		assertThat(fromAlice).isNotEqualTo(fromBob);
		assertThatThrownBy(() -> this.alice.decrypt(fromAlice)).isInstanceOf(NoiseException.class);
	}

	@Test
	void rangedCallsWorkInPlaceInsideALargerBuffer() throws NoiseException {
		byte[] frame = new byte[4 + 100 + NoiseTransport.OVERHEAD + 4];
		byte[] plaintext = NoiseHandshakeTests.bytes(100, 5);
		System.arraycopy(plaintext, 0, frame, 4, 100);
		assertThat(this.alice.encrypt(frame, 4, 100, frame, 4)).isEqualTo(116);
		assertThat(Arrays.copyOfRange(frame, 4, 104)).isNotEqualTo(plaintext);
		assertThat(this.bob.decrypt(frame, 4, 116, frame, 4)).isEqualTo(100);
		assertThat(Arrays.copyOfRange(frame, 4, 104)).isEqualTo(plaintext);
		assertThat(frame).startsWith(0, 0, 0, 0).endsWith(0, 0, 0, 0);
	}

	@Test
	void aRejectedMessageWritesNoPlaintext() throws NoiseException {
		byte[] sealed = this.alice.encrypt(NoiseHandshakeTests.bytes(64, 6));
		sealed[10] ^= 1;
		byte[] out = new byte[64];
		assertThatThrownBy(() -> this.bob.decrypt(sealed, 0, sealed.length, out, 0)).isInstanceOf(NoiseException.class);
		assertThat(out).containsOnly(0);
	}

	@Test
	void messageSizesAreBounded() throws NoiseException {
		assertThat(this.bob.decrypt(this.alice.encrypt(new byte[CipherState.MAX_PLAINTEXT_LENGTH])))
			.hasSize(65535 - 16);
		assertThatIllegalArgumentException().isThrownBy(() -> this.alice.encrypt(new byte[65535 - 15]));
		assertThatThrownBy(() -> this.bob.decrypt(new byte[65536])).isInstanceOf(NoiseException.class)
			.hasMessageContaining("more than the maximum of 65535");
		assertThatThrownBy(() -> this.bob.decrypt(new byte[15])).isInstanceOf(NoiseException.class)
			.hasMessageContaining("truncated");
		byte[] buffer = new byte[40];
		assertThatIllegalArgumentException().isThrownBy(() -> this.alice.encrypt(buffer, 0, 10, buffer, 5))
			.withMessage("Input and output overlap at different offsets");
		assertThatThrownBy(() -> this.alice.encrypt(buffer, 0, 30, buffer, 0))
			.isInstanceOf(IndexOutOfBoundsException.class);
	}
}
