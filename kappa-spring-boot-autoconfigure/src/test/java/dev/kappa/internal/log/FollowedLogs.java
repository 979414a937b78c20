package dev.kappa.internal.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;

/**
 * Logs as the hypercore follower stores them, for tests outside this package: a manifest core's log and a compat
 * replica holding a signed group of several frames (docs/format.md, "Cores followed from hypercore peers").
 */
public final class FollowedLogs {

	private FollowedLogs() {
	}

	/** A replica of a manifest core (one signer, from {@code seed}) holding {@code count} small entries. */
	public static SignedLog manifestLog(LogStore store, int seed, int count) {
		Ed25519.KeyPair writer = Ed25519.KeyPair.fromSeed(filled(seed));
		byte[] manifest = new byte[70];
		System.arraycopy(new byte[] { 1, 0, 0, 1, 1, 0 }, 0, manifest, 0, 6);
		System.arraycopy(writer.publicKey(), 0, manifest, 38, 32);
		LogKey key = new LogKey(ManifestSignatures.hash(manifest));
		ManifestSignatures scheme = ManifestSignatures.parse(key, manifest);
		List<byte[]> entries = LogTesting.entries(0, count);
		MerkleTree tree = MerkleTree.empty();
		tree.appendAll(entries);
		SignedLog log = store.replica(key, scheme);
		log.appendVerified(0, entries, 0, writer.sign(scheme.signable(tree.treeHash(), count, 0)), null);
		return log;
	}

	/** A compat replica (writer from {@code seed}) holding five entries of 1,000,000 bytes under one signature. */
	public static SignedLog groupLog(LogStore store, int seed) {
		Ed25519.KeyPair writer = Ed25519.KeyPair.fromSeed(filled(seed));
		List<byte[]> entries = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			entries.add(filled(i, 1_000_000));
		}
		MerkleTree tree = MerkleTree.empty();
		tree.appendAll(entries);
		SignedLog log = store.replica(new LogKey(writer.publicKey()));
		log.appendVerified(0, entries, 0, writer.sign(tree.signable()), null);
		return log;
	}

	private static byte[] filled(int value) {
		return filled(value, 32);
	}

	private static byte[] filled(int value, int length) {
		byte[] out = new byte[length];
		Arrays.fill(out, (byte) value);
		return out;
	}
}
