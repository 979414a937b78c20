package dev.kappa.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour of the replication handshake (XXpsk3) between two in-memory sides: success, wrong network key,
 * tampering, learned identities and misuse.
 */
class NoiseHandshakeTests {

	private static final byte[] PROLOGUE = "kappa-replication/1".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NETWORK_KEY = bytes(32, 7);

	private static final X25519KeyPair ALICE = X25519KeyPair.fromPrivateKey(bytes(32, 1));

	private static final X25519KeyPair BOB = X25519KeyPair.fromPrivateKey(bytes(32, 2));

	@Test
	void sidesWithTheSameNetworkKeyCompleteAndTalkBothWays() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, PROLOGUE);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThat(initiator.protocolName()).isEqualTo(NoiseHandshake.PROTOCOL_NAME);

		assertThat(responder.readMessage(initiator.writeMessage(utf8("hello")))).isEqualTo(utf8("hello"));
		assertThat(initiator.readMessage(responder.writeMessage(utf8("hi")))).isEqualTo(utf8("hi"));
		assertThat(responder.readMessage(initiator.writeMessage(new byte[0]))).isEmpty();

		assertThat(initiator.isComplete()).isTrue();
		assertThat(responder.isComplete()).isTrue();
		assertThat(initiator.handshakeHash()).hasSize(64).isEqualTo(responder.handshakeHash());
		NoiseTransport a = initiator.split();
		NoiseTransport b = responder.split();
		assertThat(b.decrypt(a.encrypt(utf8("ping")))).isEqualTo(utf8("ping"));
		assertThat(a.decrypt(b.encrypt(utf8("pong")))).isEqualTo(utf8("pong"));
	}

	@Test
	void remoteStaticKeysAreLearnedFromTheHandshake() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, PROLOGUE);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThat(initiator.remoteStaticKey()).isNull();
		responder.readMessage(initiator.writeMessage(new byte[0]));
		assertThat(responder.remoteStaticKey()).isNull();
		initiator.readMessage(responder.writeMessage(new byte[0]));
		assertThat(initiator.remoteStaticKey()).isEqualTo(BOB.publicKey());
		responder.readMessage(initiator.writeMessage(new byte[0]));
		assertThat(responder.remoteStaticKey()).isEqualTo(ALICE.publicKey());
	}

	@Test
	void aWrongNetworkKeyFailsOnTheResponderAtMessageThree() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, bytes(32, 8), PROLOGUE);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		responder.readMessage(initiator.writeMessage(new byte[0]));
		initiator.readMessage(responder.writeMessage(new byte[0]));
		byte[] third = initiator.writeMessage(new byte[0]);

		assertThatThrownBy(() -> responder.readMessage(third)).isInstanceOf(NoiseException.class)
			.hasMessage("Noise handshake failed: message 3 did not authenticate (wrong network key or tampered data)");
		assertThat(responder.isComplete()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> responder.readMessage(third))
			.withMessageContaining("already failed");
		assertThatIllegalStateException().isThrownBy(responder::split);
	}

	@Test
	void aDifferentPrologueFailsAtTheFirstMessage() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, utf8("kappa-replication/2"));
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		byte[] first = initiator.writeMessage(new byte[0]);
		assertThatThrownBy(() -> responder.readMessage(first)).isInstanceOf(NoiseException.class)
			.hasMessage("Noise handshake failed: message 1 did not authenticate (tampered data or a different prologue)");
	}

	@Test
	void everyFlippedBitInEveryHandshakeMessageIsRejectedByItsReader() throws NoiseException {
		byte[][] clean = fixedTranscript(-1, -1);
		for (int message = 0; message < clean.length; message++) {
			for (int bit = 0; bit < clean[message].length * 8; bit++) {
				int m = message;
				int b = bit;
				assertThatThrownBy(() -> fixedTranscript(m, b)).as("message %d bit %d", m + 1, b)
					.isInstanceOf(NoiseException.class)
					.hasMessageStartingWith("Noise handshake failed: message " + (m + 1) + " did not authenticate");
			}
		}
	}

	@Test
	void truncatedAndOversizedMessagesAreRejectedWithTheirReason() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, PROLOGUE);
		byte[] first = initiator.writeMessage(new byte[0]);
		assertThat(first).hasSize(32 + 16);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThatThrownBy(() -> responder.readMessage(java.util.Arrays.copyOf(first, 47)))
			.isInstanceOf(NoiseException.class)
			.hasMessage("Noise handshake failed: message 1 is truncated (47 bytes, at least 48 expected)");

		NoiseHandshake other = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThatThrownBy(() -> other.readMessage(new byte[65536])).isInstanceOf(NoiseException.class)
			.hasMessage("Noise handshake failed: message 1 is 65536 bytes, more than the maximum of 65535");
	}

	@Test
	void aWrittenMessageMayNotExceedTheNoiseLimit() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, PROLOGUE);
		assertThatIllegalArgumentException().isThrownBy(() -> initiator.writeMessage(new byte[65535 - 48 + 1]))
			.withMessageContaining("more than the maximum of 65535");
		byte[] largest = initiator.writeMessage(new byte[65535 - 48]);
		assertThat(largest).hasSize(65535);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThat(responder.readMessage(largest)).hasSize(65535 - 48);
	}

	@Test
	void sidesMustKeepTheirTurnsAndSplitOnce() throws NoiseException {
		NoiseHandshake initiator = NoiseHandshake.initiator(ALICE, NETWORK_KEY, PROLOGUE);
		NoiseHandshake responder = NoiseHandshake.responder(BOB, NETWORK_KEY, PROLOGUE);
		assertThat(initiator.isWriteTurn()).isTrue();
		assertThat(responder.isWriteTurn()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> initiator.readMessage(new byte[48]))
			.withMessage("Noise handshake expects this side to write message 1");
		assertThatIllegalStateException().isThrownBy(() -> responder.writeMessage(new byte[0]))
			.withMessage("Noise handshake expects this side to read message 1");
		assertThatIllegalStateException().isThrownBy(initiator::split)
			.withMessage("Noise handshake is not complete");

		responder.readMessage(initiator.writeMessage(new byte[0]));
		initiator.readMessage(responder.writeMessage(new byte[0]));
		responder.readMessage(initiator.writeMessage(new byte[0]));
		assertThatIllegalStateException().isThrownBy(() -> initiator.writeMessage(new byte[0]))
			.withMessage("Noise handshake is complete; use split()");
		initiator.split();
		assertThatIllegalStateException().isThrownBy(initiator::split).withMessage("Noise handshake already split");
	}

	@Test
	void argumentsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> NoiseHandshake.initiator(ALICE, new byte[31], PROLOGUE))
			.withMessage("The pre-shared key is 32 bytes, got 31");
		assertThatIllegalArgumentException().isThrownBy(() -> NoiseHandshake.responder(null, NETWORK_KEY, PROLOGUE))
			.withMessageContaining("needs a static key pair");
		assertThatIllegalArgumentException().isThrownBy(() -> X25519KeyPair.fromPrivateKey(new byte[16]))
			.withMessage("An X25519 private key is 32 bytes, got 16");
	}

	@Test
	void keyPairsNeverPrintTheirSecretAndRefuseLowOrderPoints() {
		X25519KeyPair pair = X25519KeyPair.generate();
		HexFormat hex = HexFormat.of();
		assertThat(pair.toString()).contains(hex.formatHex(pair.publicKey()))
			.doesNotContain(hex.formatHex(pair.privateKey()));
		assertThat(X25519KeyPair.fromPrivateKey(pair.privateKey()).publicKey()).isEqualTo(pair.publicKey());
		assertThatThrownBy(() -> pair.dh(new byte[32])).isInstanceOf(NoiseException.class)
			.hasMessageContaining("low-order");
	}

	/**
	 * Runs a handshake with fixed keys, flipping {@code bit} of handshake message {@code tamperedMessage} (0-based;
	 * -1 for none) on the wire.
	 * @return the three messages as sent
	 */
	private static byte[][] fixedTranscript(int tamperedMessage, int bit) throws NoiseException {
		NoiseHandshake initiator = new NoiseHandshake(HandshakePattern.XXpsk3, true, PROLOGUE, ALICE,
				X25519KeyPair.fromPrivateKey(bytes(32, 3)), NETWORK_KEY);
		NoiseHandshake responder = new NoiseHandshake(HandshakePattern.XXpsk3, false, PROLOGUE, BOB,
				X25519KeyPair.fromPrivateKey(bytes(32, 4)), NETWORK_KEY);
		byte[][] sent = new byte[3][];
		for (int i = 0; i < 3; i++) {
			NoiseHandshake writer = (i % 2 == 0) ? initiator : responder;
			NoiseHandshake reader = (i % 2 == 0) ? responder : initiator;
			sent[i] = writer.writeMessage(utf8("payload " + i));
			byte[] wire = sent[i].clone();
			if (i == tamperedMessage) {
				wire[bit / 8] ^= (byte) (1 << (bit % 8));
			}
			assertThat(reader.readMessage(wire)).isEqualTo(utf8("payload " + i));
		}
		return sent;
	}

	static byte[] bytes(int length, int seed) {
		byte[] out = new byte[length];
		for (int i = 0; i < length; i++) {
			out[i] = (byte) (seed * 31 + i);
		}
		return out;
	}

	static byte[] utf8(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}
}
