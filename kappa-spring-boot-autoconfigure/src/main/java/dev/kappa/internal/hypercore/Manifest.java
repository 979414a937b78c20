package dev.kappa.internal.hypercore;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.ManifestSignatures;

/**
 * A hypercore 11 manifest of version 1 with one Ed25519 signer on the wire: checked against the core key and
 * verified by {@link ManifestSignatures} (the stored log's signature scheme), with upgrades carrying the
 * writer's signature in multisig framing ({@code 01 00 <sig64> 00 00}: one proof, signer 0, no patch).
 * Anything else (several signers, a quorum, patches, a prologue) is refused with a message naming it.
 */
final class Manifest {

	private final ManifestSignatures signatures;

	private Manifest(ManifestSignatures signatures) {
		this.signatures = signatures;
	}

	/**
	 * Checks {@code encoded} against the core key and reads its signer.
	 * @throws WireException if it does not hash to {@code key} or is not a single-signer version 1 manifest
	 */
	static Manifest parse(LogKey key, byte[] encoded) {
		try {
			return new Manifest(ManifestSignatures.parse(key, encoded));
		}
		catch (IllegalArgumentException ex) {
			throw new WireException(ex.getMessage());
		}
	}

	/** The core key a manifest gives: {@code H32(NS_MANIFEST ‖ manifest)}. */
	static byte[] hash(byte[] encoded) {
		return ManifestSignatures.hash(encoded);
	}

	/** The signature scheme a log of this core verifies with. */
	ManifestSignatures signatures() {
		return this.signatures;
	}

	/** The manifest's encoding, as it hashes to the key. */
	byte[] encoded() {
		return this.signatures.manifest();
	}

	/** The 112 bytes the writer signs for the tree with {@code treeHash} at {@code length} and {@code fork}. */
	byte[] signable(byte[] treeHash, long length, long fork) {
		return this.signatures.signable(treeHash, length, fork);
	}

	/** Whether {@code multisig} (one proof by signer 0, no patch) signs that tree. */
	boolean verify(byte[] multisig, byte[] treeHash, long length, long fork) {
		return this.signatures.verify(signature(multisig), treeHash, length, fork);
	}

	/** The Ed25519 signature inside a single-proof multisig, or {@code null} if it is not one. */
	static byte[] signature(byte[] multisig) {
		try {
			CompactReader in = new CompactReader(multisig);
			if (in.uint() != 1 || in.uint() != 0) {
				return null;
			}
			byte[] signature = in.fixed(64);
			return in.uint() == 0 && in.uint() == 0 && !in.hasMore() ? signature : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}
}
