package dev.kappa.internal.log;

import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;

/**
 * How the writer's signatures of a log verify (docs/format.md, "Manifest logs"): chosen per log when it is
 * opened, from its directory. Without a {@code log.manifest} the key is the writer's Ed25519 public key and
 * signatures are over the 80-byte compat signable (every log kappa-spring writes); with one, the manifest's
 * single signer verifies over hypercore 11's 112-byte signable.
 * <p>
 * Internal: used by the log and the hypercore follower.
 */
public interface SignatureScheme {

	/** Whether {@code signature} (the raw 64 Ed25519 bytes) signs the tree with {@code treeHash} at {@code length}. */
	boolean verify(byte[] signature, byte[] treeHash, long length, long fork);

	/** The manifest's encoding as it hashes to the key, or {@code null} for a compat log. */
	default byte[] manifest() {
		return null;
	}

	/**
	 * The compat scheme of {@code key}: the key is the writer's public key.
	 * @throws IllegalArgumentException if the key is not an Ed25519 public key
	 */
	static SignatureScheme compat(LogKey key) {
		Ed25519.Verifier verifier = Ed25519.Verifier.of(key.bytes());
		return (signature, treeHash, length, fork) -> signature != null && signature.length == 64 && treeHash != null
				&& treeHash.length == 32 && verifier.verify(signature, TreeHashes.signable(treeHash, length, fork));
	}

	/**
	 * The scheme of a manifest core: {@code manifest} must hash to {@code key} and be a single-signer version 1
	 * manifest.
	 * @throws IllegalArgumentException naming what is wrong with it
	 */
	static SignatureScheme manifest(LogKey key, byte[] manifest) {
		return ManifestSignatures.parse(key, manifest);
	}

	/**
	 * Whether {@code signature} is the writer's signature (hypercore compat signable) of the tree with
	 * {@code treeHash} at {@code length} and {@code fork}, for any log, held or not.
	 * @return false also when {@code key} is not a valid Ed25519 public key or the hash is not 32 bytes
	 */
	static boolean verifiesHead(LogKey key, long length, long fork, byte[] treeHash, byte[] signature) {
		return SignedStateChecks.verifyHead(key, length, fork, treeHash, signature);
	}

	/**
	 * Whether {@code entries}, as the first entries of log {@code key} (seq 0 on, fork 0), carry the writer's
	 * {@code signature} (compat): lets a replica be created only once its first entries verify.
	 */
	static boolean verifiesFromEmpty(LogKey key, List<byte[]> entries, long fork, byte[] signature) {
		return SignedStateChecks.verifiesFromEmpty(key, entries, fork, signature);
	}
}
