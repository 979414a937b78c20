package dev.kappa.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.crypto.Ed25519;

/**
 * The checks of a writer's signed state that another node sent: an announced head, the first entries of a
 * log not held yet, and roots that differ from ours (a fork, or a bad proof). Fork evidence is built by
 * {@link ForkException#against}.
 */
final class SignedStateChecks {

	private SignedStateChecks() {
	}

	/** The verifier for {@code key}, or {@code null} if it is not a valid Ed25519 public key. */
	private static Ed25519.Verifier verifier(LogKey key) {
		try {
			return Ed25519.Verifier.of(key.bytes());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** See {@link SignedLog#verifyHead}. */
	static boolean verifyHead(LogKey key, long length, long fork, byte[] treeHash, byte[] signature) {
		Ed25519.Verifier verifier = verifier(key);
		return verifier != null && verifies(verifier, length, fork, treeHash, signature);
	}

	private static boolean verifies(Ed25519.Verifier verifier, long length, long fork, byte[] treeHash, byte[] signature) {
		return treeHash != null && treeHash.length == 32
				&& verifier.verify(signature, TreeHashes.signable(treeHash, length, fork));
	}

	/** See {@link SignedLog#verifiesFromEmpty}. */
	static boolean verifiesFromEmpty(LogKey key, List<byte[]> entries, long fork, byte[] signature) {
		Ed25519.Verifier verifier = verifier(key);
		if (verifier == null || fork != 0 || entries.isEmpty() || signature == null) {
			return false;
		}
		MerkleTree tree = MerkleTree.empty();
		List<TreeNode> created = new ArrayList<>();
		for (byte[] entry : entries) {
			tree.append(entry, 0, entry.length, created);
		}
		return verifier.verify(signature, tree.signable());
	}

	/** See {@link SignedLog#checkAnnounced}. */
	static boolean checkAnnounced(SignedLog log, Ed25519.Verifier verifier, long length, long fork, byte[] treeHash,
			byte[] sig) {
		if (!verifies(verifier, length, fork, treeHash, sig)) {
			return false;
		}
		if (length <= log.length() && length > 0 && !Arrays.equals(TreeHashes.tree(log.rootsAt(length)), treeHash)) {
			throw ForkException.against(log, List.of(), length, treeHash, sig);
		}
		return true;
	}

	/**
	 * Whether a peer's chunk may be stored at all in log {@code id} of {@code length} entries and fork
	 * {@code ourFork}: at our length, of our fork, not empty and within one frame.
	 * @throws RejectedEntriesException if not
	 */
	static void checkChunk(String id, long length, long ourFork, long start, List<byte[]> entries, long fork) {
		if (start != length) {
			throw new RejectedEntriesException("Entries for log " + id + " start at seq " + start + " but the log holds "
					+ length);
		}
		if (entries.isEmpty() || fork != ourFork) {
			throw new RejectedEntriesException("Entries for log " + id + " are empty or for another fork (" + fork + ")");
		}
		long bytes = FrameWriter.frameLength(entries);
		if (bytes > Frame.MAX_LENGTH) {
			throw new RejectedEntriesException("A signed chunk for log " + id + " of " + bytes
					+ " bytes exceeds the maximum frame of " + Frame.MAX_LENGTH);
		}
	}

	/**
	 * The peer's roots at {@code start} differ from ours: a fork if the writer's signature verifies over them
	 * extended by the {@code count} entries laid out in {@code frame}, else a bad proof. Called under the
	 * log's commit lock.
	 * @throws ForkException if it is a fork
	 * @throws RejectedEntriesException otherwise
	 */
	static RejectedEntriesException checkFork(SignedLog log, Ed25519.Verifier verifier, FrameWriter frame, long start,
			int count, long fork, byte[] sig, List<TreeNode> senderRoots) {
		MerkleTree theirs;
		try {
			theirs = MerkleTree.ofRoots(senderRoots, fork);
		}
		catch (IllegalArgumentException ex) {
			return new RejectedEntriesException("The peer's Merkle roots for log " + log.key() + " are malformed: "
					+ ex.getMessage());
		}
		if (theirs.length() != start) {
			return new RejectedEntriesException("The peer's Merkle roots for log " + log.key() + " describe length "
					+ theirs.length() + ", not " + start);
		}
		frame.hashInto(theirs, count);
		if (verifier.verify(sig, theirs.signable())) {
			return ForkException.against(log, senderRoots, theirs.length(), theirs.treeHash(), sig);
		}
		return new RejectedEntriesException("The peer's Merkle roots for log " + log.key()
				+ " differ from ours and its signature does not verify over them");
	}
}
