package dev.kappa.internal.hypercore;

import java.util.Arrays;

import dev.kappa.internal.crypto.EdNoiseHandshake;
import dev.kappa.internal.crypto.EdwardsDh;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.crypto.NoiseException;
import dev.kappa.internal.crypto.SecretStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kappa.internal.hypercore.Vectors.fill;
import static dev.kappa.internal.hypercore.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays deterministic traces of two Node hypercore 11.37.1 peers (trace.js + vectors.js, fixed keys, ephemeral
 * keys and secretstream headers): every byte of the Noise handshake, both header frames, every transport record in
 * both directions, the discovery key and both capabilities. No Node needed.
 */
class TransportVectorsTests {

	private static final Ed25519.KeyPair STATIC_I = Ed25519.KeyPair.fromSeed(fill(32, 0x22));

	private static final Ed25519.KeyPair STATIC_R = Ed25519.KeyPair.fromSeed(fill(32, 0x11));

	@ParameterizedTest
	@ValueSource(strings = { "compat-n4.properties", "manifest-n4.properties" })
	void handshakeIsByteIdenticalToNode(String file) throws NoiseException {
		Vectors v = Vectors.load(file);
		assertThat(EdwardsDh.dh(EdwardsDh.scalar(STATIC_I.seed()), STATIC_R.publicKey())).isEqualTo(v.bytes("dh_22_11"))
			.isEqualTo(EdwardsDh.dh(EdwardsDh.scalar(STATIC_R.seed()), STATIC_I.publicKey()));
		EdNoiseHandshake[] pair = handshake(v);
		EdNoiseHandshake i = pair[0];
		EdNoiseHandshake r = pair[1];
		assertThat(i.handshakeHash()).isEqualTo(v.bytes("handshakeHash")).isEqualTo(r.handshakeHash());
		assertThat(i.sendKey()).isEqualTo(v.bytes("initiatorTx")).isEqualTo(r.receiveKey());
		assertThat(i.receiveKey()).isEqualTo(v.bytes("initiatorRx")).isEqualTo(r.sendKey());
		assertThat(i.remoteStaticKey()).isEqualTo(STATIC_R.publicKey());
		assertThat(r.remoteStaticKey()).isEqualTo(STATIC_I.publicKey());
		assertThat(header(true, i.handshakeHash(), 0xa1)).isEqualTo(v.bytes("headerI"));
		assertThat(header(false, i.handshakeHash(), 0xa2)).isEqualTo(v.bytes("headerR"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "compat-n4.properties", "manifest-n4.properties" })
	void everyRecordIsByteIdenticalToNode(String file) throws NoiseException {
		Vectors v = Vectors.load(file);
		EdNoiseHandshake[] pair = handshake(v);
		SecretStream txI = new SecretStream(pair[0].sendKey(), fill(24, 0xa1));
		SecretStream rxR = new SecretStream(pair[1].receiveKey(), fill(24, 0xa1));
		for (int k = 0; k < v.integer("recordsI"); k++) {
			byte[] plain = v.bytes("plainI." + k);
			byte[] record = v.bytes("recordI." + k);
			assertThat(txI.push(plain, 0, plain.length, 0)).as("I->R record %d", k).isEqualTo(record);
			assertThat(rxR.pull(record, 0, record.length)).isEqualTo(plain);
		}
		SecretStream txR = new SecretStream(pair[1].sendKey(), fill(24, 0xa2));
		SecretStream rxI = new SecretStream(pair[0].receiveKey(), fill(24, 0xa2));
		for (int k = 0; k < v.integer("recordsR"); k++) {
			byte[] plain = v.bytes("plainR." + k);
			byte[] record = v.bytes("recordR." + k);
			assertThat(txR.push(plain, 0, plain.length, 0)).as("R->I record %d", k).isEqualTo(record);
			assertThat(rxI.pull(record, 0, record.length)).isEqualTo(plain);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "compat-n4.properties", "manifest-n4.properties" })
	void discoveryKeyAndCapabilitiesMatchTheOpens(String file) throws NoiseException {
		Vectors v = Vectors.load(file);
		byte[] key = v.bytes("key");
		byte[] hh = v.bytes("handshakeHash");
		assertThat(Namespaces.discoveryKey(key)).isEqualTo(v.bytes("discoveryKey"));
		byte[] openI = v.bytes("plainI.0");
		byte[] openR = v.bytes("plainR.0");
		// 00 01 01 0f "hypercore/alpha" 20 <dk> 01 <cap>
		assertThat(Arrays.copyOfRange(openI, 20, 52)).isEqualTo(v.bytes("discoveryKey"));
		assertThat(Arrays.copyOfRange(openI, 53, 85)).isEqualTo(Namespaces.capability(true, key, hh));
		assertThat(Arrays.copyOfRange(openR, 53, 85)).isEqualTo(Namespaces.capability(false, key, hh));
	}

	static EdNoiseHandshake[] handshake(Vectors v) throws NoiseException {
		EdNoiseHandshake i = EdNoiseHandshake.initiator(STATIC_I, Ed25519.KeyPair.fromSeed(fill(32, 0xe1)));
		EdNoiseHandshake r = EdNoiseHandshake.responder(STATIC_R, Ed25519.KeyPair.fromSeed(fill(32, 0xe2)));
		byte[] m1 = i.writeMessage();
		assertThat(hex(m1)).isEqualTo(hex(v.bytes("msg1")));
		r.readMessage(m1);
		byte[] m2 = r.writeMessage();
		assertThat(hex(m2)).isEqualTo(hex(v.bytes("msg2")));
		i.readMessage(m2);
		byte[] m3 = i.writeMessage();
		assertThat(hex(m3)).isEqualTo(hex(v.bytes("msg3")));
		r.readMessage(m3);
		assertThat(i.isComplete()).isTrue();
		assertThat(r.isComplete()).isTrue();
		return new EdNoiseHandshake[] { i, r };
	}

	private static byte[] header(boolean initiator, byte[] hh, int fill) {
		byte[] out = Arrays.copyOf(Namespaces.streamId(initiator, hh), 56);
		System.arraycopy(fill(24, fill), 0, out, 32, 24);
		return out;
	}
}
