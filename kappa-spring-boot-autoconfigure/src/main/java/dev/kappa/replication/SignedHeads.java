package dev.kappa.replication;

import java.nio.charset.StandardCharsets;

import dev.kappa.crypto.Blake2b;
import dev.kappa.crypto.Ed25519;

/**
 * Verifies a head a peer announced for a log this database does not hold yet, so that no replica is created
 * for an unverified announcement. The signed bytes are hypercore 10's compat-mode signable, as in
 * {@code dev.kappa.log.TreeHashes#signable}: {@code namespace("hypercore", 0) || treeHash || LE64(length) ||
 * LE64(fork)}. For logs already held, {@code SignedLog.checkAnnounced} does the same check and also compares
 * with the stored tree.
 */
final class SignedHeads {

	private static final byte[] NS_TREE = namespace();

	private SignedHeads() {
	}

	/** Whether the writer's signature in {@code head} verifies (false for a key that is not a valid point). */
	static boolean verify(Messages.Head head) {
		Ed25519.Verifier verifier;
		try {
			verifier = Ed25519.Verifier.of(head.key().bytes());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		byte[] signable = new byte[80];
		System.arraycopy(NS_TREE, 0, signable, 0, 32);
		System.arraycopy(head.treeHash(), 0, signable, 32, 32);
		putUint64(signable, 64, head.length());
		putUint64(signable, 72, head.fork());
		return verifier.verify(head.signature(), signable);
	}

	/** hypercore-crypto's {@code namespace("hypercore", 6)[0]}: H(H("hypercore") || 0). */
	private static byte[] namespace() {
		byte[] ns = new byte[33];
		System.arraycopy(Blake2b.hash("hypercore".getBytes(StandardCharsets.UTF_8)), 0, ns, 0, 32);
		return Blake2b.hash(ns);
	}

	private static void putUint64(byte[] out, int offset, long value) {
		for (int i = 0; i < 8; i++) {
			out[offset + i] = (byte) (value >>> (8 * i));
		}
	}
}
