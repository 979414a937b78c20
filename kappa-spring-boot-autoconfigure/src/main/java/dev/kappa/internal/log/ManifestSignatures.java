package dev.kappa.internal.log;

import java.util.Arrays;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Blake2b;
import dev.kappa.internal.crypto.Ed25519;

/**
 * The signatures of a hypercore 11 manifest core of version 1 with one Ed25519 signer, as a default
 * {@code new Hypercore(dir, { keyPair })} writes it: the core key is {@code H32(NS_MANIFEST ‖ manifest)} and the
 * writer signs the 112-byte signable {@code TREE ‖ key ‖ treeHash ‖ u64le(length) ‖ u64le(fork)}.
 * <p>
 * Manifest encoding (compact-encoding): {@code uint version (1) · uint flags (0) · uint hash (0: BLAKE2b) ·
 * uint quorum (1) · uint signers (1) · [uint signature (0: Ed25519) · fixed32 namespace · fixed32 publicKey]}.
 * Anything else (several signers, a quorum, patches, a prologue) is refused with a message naming it.
 * <p>
 * Internal: the hypercore follower builds its wire-side manifest checks on it.
 */
public final class ManifestSignatures implements SignatureScheme {

	/** {@code namespace("hypercore", 3)}. */
	static final byte[] NS_MANIFEST = TreeHashes.namespace("hypercore", 3);

	static final int SIGNABLE_LENGTH = 112;

	private static final String[] FIELDS = { "version", "flags (patches, prologue)", "hash type", "quorum",
			"number of signers", "signature type" };

	private static final long[] WANTED = { 1, 0, 0, 1, 1, 0 };

	private final LogKey key;

	private final byte[] encoded;

	private final Ed25519.Verifier signer;

	private ManifestSignatures(LogKey key, byte[] encoded, Ed25519.Verifier signer) {
		this.key = key;
		this.encoded = encoded;
		this.signer = signer;
	}

	/**
	 * Checks {@code encoded} against the core key and reads its signer.
	 * @throws IllegalArgumentException if it does not hash to {@code key} or is not a single-signer version 1 manifest
	 */
	public static ManifestSignatures parse(LogKey key, byte[] encoded) {
		if (!Arrays.equals(hash(encoded), key.bytes())) {
			throw new IllegalArgumentException("The manifest of core " + key + " does not hash to its key");
		}
		int[] at = { 0 };
		long[] fields = new long[FIELDS.length];
		for (int i = 0; i < fields.length; i++) {
			fields[i] = uint(key, encoded, at);
			if (fields[i] != WANTED[i]) {
				throw new IllegalArgumentException("The manifest of core " + key + " has " + FIELDS[i] + " " + fields[i]
						+ "; only " + WANTED[i] + " (one Ed25519 signer, hypercore 11's default) can be followed");
			}
		}
		int trailing = encoded.length - at[0] - 64;
		if (trailing < 0) {
			throw new IllegalArgumentException("The manifest of core " + key + " is malformed: " + (encoded.length - at[0])
					+ " bytes where a signer's namespace and public key (64) should be");
		}
		if (trailing > 0) {
			throw new IllegalArgumentException("The manifest of core " + key + " has " + trailing + " bytes after its signer");
		}
		byte[] publicKey = Arrays.copyOfRange(encoded, at[0] + 32, at[0] + 64);
		try {
			return new ManifestSignatures(key, encoded.clone(), Ed25519.Verifier.of(publicKey));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The signer of core " + key + "'s manifest is no Ed25519 public key: "
					+ ex.getMessage(), ex);
		}
	}

	/** A compact-encoding uint at {@code at[0]} (one byte below 0xfd, else 0xfd u16, 0xfe u32, 0xff u64). */
	private static long uint(LogKey key, byte[] in, int[] at) {
		if (at[0] >= in.length) {
			throw new IllegalArgumentException("The manifest of core " + key + " is malformed: it ends at byte " + at[0]);
		}
		int first = in[at[0]++] & 0xff;
		int size = first < 0xfd ? 0 : first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
		if (at[0] + size > in.length) {
			throw new IllegalArgumentException("The manifest of core " + key + " is malformed: it ends at byte " + at[0]);
		}
		long value = size == 0 ? first : 0;
		for (int i = 0; i < size; i++) {
			value |= (in[at[0]++] & 0xffL) << (8 * i);
		}
		return value;
	}

	/** The core key a manifest gives: {@code H32(NS_MANIFEST ‖ manifest)}. */
	public static byte[] hash(byte[] encoded) {
		return Blake2b.local().update(NS_MANIFEST).update(encoded).digest();
	}

	@Override
	public byte[] manifest() {
		return this.encoded.clone();
	}

	/** The 112 bytes the writer signs for the tree with {@code treeHash} at {@code length} and {@code fork}. */
	public byte[] signable(byte[] treeHash, long length, long fork) {
		byte[] out = new byte[SIGNABLE_LENGTH];
		System.arraycopy(TreeHashes.NS_TREE, 0, out, 0, 32);
		System.arraycopy(this.key.bytes(), 0, out, 32, 32);
		System.arraycopy(treeHash, 0, out, 64, 32);
		TreeHashes.putUint64(out, 96, length);
		TreeHashes.putUint64(out, 104, fork);
		return out;
	}

	@Override
	public boolean verify(byte[] signature, byte[] treeHash, long length, long fork) {
		return signature != null && signature.length == 64 && treeHash != null && treeHash.length == 32
				&& this.signer.verify(signature, signable(treeHash, length, fork));
	}
}
