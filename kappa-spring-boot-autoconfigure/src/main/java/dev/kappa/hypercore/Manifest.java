package dev.kappa.hypercore;

import java.util.Arrays;

import dev.kappa.core.LogKey;
import dev.kappa.crypto.Blake2b;
import dev.kappa.crypto.Ed25519;

/**
 * A hypercore 11 manifest of version 1 with one Ed25519 signer, as a default {@code new Hypercore(dir, { keyPair })}
 * writes it: the core key is {@code H32(NS_MANIFEST ‖ manifest)}, the writer signs the 112-byte signable
 * {@code TREE ‖ key ‖ treeHash ‖ u64le(length) ‖ u64le(fork)}, and upgrades carry that signature in multisig
 * framing ({@code 01 00 <sig64> 00 00}: one proof, signer 0, no patch).
 * <p>
 * Encoding (SPEC.md 6.2): {@code uint version (1) · uint flags · uint hash (0: BLAKE2b) · uint quorum (1) ·
 * uint signers (1) · [uint signature (0: Ed25519) · fixed32 namespace · fixed32 publicKey]}. Anything else
 * (several signers, a quorum, patches, a prologue) is refused with a message naming it.
 */
final class Manifest {

	static final int SIGNABLE_LENGTH = 112;

	private final LogKey key;

	private final byte[] encoded;

	private final Ed25519.Verifier signer;

	private Manifest(LogKey key, byte[] encoded, Ed25519.Verifier signer) {
		this.key = key;
		this.encoded = encoded;
		this.signer = signer;
	}

	/**
	 * Checks {@code encoded} against the core key and reads its signer.
	 * @throws WireException if it does not hash to {@code key} or is not a single-signer version 1 manifest
	 */
	static Manifest parse(LogKey key, byte[] encoded) {
		if (!Arrays.equals(hash(encoded), key.bytes())) {
			throw new WireException("The manifest of core " + key + " does not hash to its key");
		}
		long[] fields = new long[6];
		byte[] publicKey;
		int trailing;
		try {
			CompactReader in = new CompactReader(encoded);
			for (int i = 0; i < fields.length; i++) {
				fields[i] = in.uint();
			}
			in.fixed(32);
			publicKey = in.fixed(32);
			trailing = in.remaining();
		}
		catch (WireException ex) {
			throw new WireException("The manifest of core " + key + " is malformed: " + ex.getMessage());
		}
		String[] names = { "version", "flags (patches, prologue)", "hash type", "quorum", "number of signers", "signature type" };
		long[] wanted = { 1, 0, 0, 1, 1, 0 };
		for (int i = 0; i < fields.length; i++) {
			if (fields[i] != wanted[i]) {
				throw new WireException("The manifest of core " + key + " has " + names[i] + " " + fields[i] + "; only "
						+ wanted[i] + " (one Ed25519 signer, hypercore 11's default) can be followed");
			}
		}
		if (trailing != 0) {
			throw new WireException("The manifest of core " + key + " has " + trailing + " bytes after its signer");
		}
		try {
			return new Manifest(key, encoded.clone(), Ed25519.Verifier.of(publicKey));
		}
		catch (IllegalArgumentException ex) {
			throw new WireException("The signer of core " + key + "'s manifest is no Ed25519 public key: " + ex.getMessage());
		}
	}

	/** The core key a manifest gives: {@code H32(NS_MANIFEST ‖ manifest)}. */
	static byte[] hash(byte[] encoded) {
		byte[] in = new byte[32 + encoded.length];
		System.arraycopy(Namespaces.MANIFEST, 0, in, 0, 32);
		System.arraycopy(encoded, 0, in, 32, encoded.length);
		return Blake2b.hash(in);
	}

	/** The manifest's encoding, as it hashes to the key. */
	byte[] encoded() {
		return this.encoded.clone();
	}

	/** The 112 bytes the writer signs for the tree with {@code treeHash} at {@code length} and {@code fork}. */
	byte[] signable(byte[] treeHash, long length, long fork) {
		byte[] out = new byte[SIGNABLE_LENGTH];
		System.arraycopy(Namespaces.TREE, 0, out, 0, 32);
		System.arraycopy(this.key.bytes(), 0, out, 32, 32);
		System.arraycopy(treeHash, 0, out, 64, 32);
		putUint64(out, 96, length);
		putUint64(out, 104, fork);
		return out;
	}

	/** Whether {@code multisig} (one proof by signer 0, no patch) signs that tree. */
	boolean verify(byte[] multisig, byte[] treeHash, long length, long fork) {
		byte[] signature = signature(multisig);
		return signature != null && treeHash != null && treeHash.length == 32
				&& this.signer.verify(signature, signable(treeHash, length, fork));
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

	private static void putUint64(byte[] out, int at, long value) {
		for (int i = 0; i < 8; i++) {
			out[at + i] = (byte) (value >>> (8 * i));
		}
	}
}
