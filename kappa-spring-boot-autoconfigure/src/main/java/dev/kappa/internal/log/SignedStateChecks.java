package dev.kappa.internal.log;

import java.util.Arrays;
import java.util.List;

import dev.kappa.core.LogKey;

/**
 * The checks of a writer's signed state that another node sent: an announced head, the first entries of a
 * log not held yet, and roots that differ from ours (a fork, or a bad proof). Fork evidence is built by
 * {@link ForkException#against}.
 */
final class SignedStateChecks {

	private SignedStateChecks() {
	}

	/** The compat scheme of {@code key}, or {@code null} if it is not a valid Ed25519 public key. */
	private static SignatureScheme compat(LogKey key) {
		try {
			return SignatureScheme.compat(key);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** See {@link SignatureScheme#verifiesHead}. */
	static boolean verifyHead(LogKey key, long length, long fork, byte[] treeHash, byte[] signature) {
		SignatureScheme scheme = compat(key);
		return scheme != null && scheme.verify(signature, treeHash, length, fork);
	}

	/** See {@link SignatureScheme#verifiesFromEmpty}. */
	static boolean verifiesFromEmpty(LogKey key, List<byte[]> entries, long fork, byte[] signature) {
		SignatureScheme scheme = compat(key);
		if (scheme == null || fork != 0 || entries.isEmpty() || signature == null) {
			return false;
		}
		MerkleTree tree = MerkleTree.empty();
		tree.appendAll(entries);
		return tree.signedBy(scheme, signature);
	}

	/** See {@link SignedLog#checkAnnounced}. */
	static boolean checkAnnounced(SignedLog log, SignatureScheme scheme, long length, long fork, byte[] treeHash,
			byte[] sig) {
		if (!scheme.verify(sig, treeHash, length, fork)) {
			return false;
		}
		if (length <= log.length() && length > 0 && !Arrays.equals(TreeHashes.tree(log.rootsAt(length)), treeHash)) {
			throw ForkException.against(log, List.of(), length, treeHash, sig);
		}
		return true;
	}

	/**
	 * The peer's roots at {@code start} differ from ours: a fork if the writer's signature verifies over them
	 * extended by the {@code count} entries laid out in {@code frame}, else a bad proof. Called under the
	 * log's commit lock.
	 * @throws ForkException if it is a fork
	 * @throws RejectedEntriesException otherwise
	 */
	static RejectedEntriesException checkFork(SignedLog log, SignatureScheme scheme, FrameWriter frame, long start,
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
		if (theirs.signedBy(scheme, sig)) {
			return ForkException.against(log, senderRoots, theirs.length(), theirs.treeHash(), sig);
		}
		return new RejectedEntriesException("The peer's Merkle roots for log " + log.key()
				+ " differ from ours and its signature does not verify over them");
	}

	/**
	 * Whether a peer's chunk may be stored in {@code log} at all (the caller refuses our own writable logs): at its length, of its fork
	 * ({@code logFork}), within a frame (or, if it may be a signed group, within {@link SignedLog#MAX_VERIFIED_BYTES}).
	 * @throws RejectedEntriesException if not
	 */
	static void checkChunk(SignedLog log, long logFork, long start, List<byte[]> entries, long fork, boolean group) {
		if (start != log.length()) {
			throw new RejectedEntriesException("Entries for log " + log.key() + " start at seq " + start
					+ " but the log holds " + log.length());
		}
		if (entries.isEmpty() || fork != logFork) {
			throw new RejectedEntriesException("Entries for log " + log.key() + " are empty or for another fork (" + fork + ")");
		}
		long bytes = FrameWriter.frameLength(entries);
		if (group && bytes - Frame.HEADER - Frame.TRAILER > SignedLog.MAX_VERIFIED_BYTES) {
			throw new RejectedEntriesException("Entries for log " + log.key() + " of " + bytes + " bytes under one"
					+ " signature exceed the maximum of " + SignedLog.MAX_VERIFIED_BYTES);
		}
		if (!group && bytes > Frame.MAX_LENGTH) {
			throw new RejectedEntriesException("A signed chunk for log " + log.key() + " of " + bytes
					+ " bytes exceeds the maximum frame of " + Frame.MAX_LENGTH);
		}
	}

	/**
	 * {@code merkle} extended by the {@code count} entries laid out in {@code frame}, once the writer's {@code sig}
	 * verifies over it (and the peer's roots, if given, are ours). Called under the log's commit lock.
	 * @throws RejectedEntriesException or {@link ForkException} if not (nothing is stored)
	 */
	static MerkleTree verifiedFrame(SignedLog log, MerkleTree merkle, FrameWriter frame, long start, int count,
			long fork, byte[] sig, List<TreeNode> senderRoots) {
		if (senderRoots != null && !senderRoots.equals(merkle.roots())) {
			throw checkFork(log, log.scheme(), frame, start, count, fork, sig, senderRoots);
		}
		MerkleTree work = merkle.copy();
		frame.hashInto(work, count);
		if (!work.signedBy(log.scheme(), sig)) {
			throw notSigned(log, start, count);
		}
		return work;
	}

	/** {@code merkle} extended by {@code entries} (a signed group), once the writer's {@code sig} verifies over it. */
	static MerkleTree verifiedGroup(SignedLog log, MerkleTree merkle, long start, List<byte[]> entries, byte[] sig) {
		MerkleTree work = merkle.copy();
		work.appendAll(entries);
		if (!work.signedBy(log.scheme(), sig)) {
			throw notSigned(log, start, entries.size());
		}
		return work;
	}

	static RejectedEntriesException notSigned(SignedLog log, long start, int count) {
		return new RejectedEntriesException("The writer's signature does not verify over entries " + start + ".."
				+ (start + count - 1) + " of log " + log.key());
	}
}
