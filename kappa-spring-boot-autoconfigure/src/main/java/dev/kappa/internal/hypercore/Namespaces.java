package dev.kappa.internal.hypercore;

import java.nio.charset.StandardCharsets;

import dev.kappa.internal.crypto.Blake2b;

/**
 * hypercore's derived values: the namespaces of hypercore-crypto, the discovery key, the replication
 * capability and secret-stream's stream ids, byte for byte as hypercore 11 computes them.
 */
final class Namespaces {

	static final byte[] TREE = namespace("hypercore", 0);

	static final byte[] REPLICATE_INITIATOR = namespace("hypercore", 1);

	static final byte[] REPLICATE_RESPONDER = namespace("hypercore", 2);

	static final byte[] MANIFEST = namespace("hypercore", 3);

	static final byte[] DEFAULT_NAMESPACE = namespace("hypercore", 4);

	static final byte[] STREAM_INITIATOR = namespace("hyperswarm/secret-stream", 0);

	static final byte[] STREAM_RESPONDER = namespace("hyperswarm/secret-stream", 1);

	private Namespaces() {
	}

	/** {@code namespace(name, n)[id]} = H32(H32(name) ‖ id). */
	static byte[] namespace(String name, int id) {
		byte[] in = new byte[33];
		System.arraycopy(Blake2b.hash(name.getBytes(StandardCharsets.UTF_8)), 0, in, 0, 32);
		in[32] = (byte) id;
		return Blake2b.hash(in);
	}

	/** BLAKE2b-256 of "hypercore" keyed with the core key: the channel id peers pair on. */
	static byte[] discoveryKey(byte[] coreKey) {
		return Blake2b.keyedHash(coreKey, "hypercore".getBytes(StandardCharsets.US_ASCII));
	}

	/** The capability the side with role {@code initiator} sends for {@code coreKey} in this Noise session. */
	static byte[] capability(boolean initiator, byte[] coreKey, byte[] handshakeHash) {
		byte[] in = new byte[64];
		System.arraycopy(initiator ? REPLICATE_INITIATOR : REPLICATE_RESPONDER, 0, in, 0, 32);
		System.arraycopy(coreKey, 0, in, 32, 32);
		return Blake2b.keyedHash(handshakeHash, in);
	}

	/** The 32-byte id that starts the secret-stream header frame of the side with role {@code initiator}. */
	static byte[] streamId(boolean initiator, byte[] handshakeHash) {
		return Blake2b.keyedHash(handshakeHash, initiator ? STREAM_INITIATOR : STREAM_RESPONDER);
	}
}
