package dev.kappa.internal.log;

import java.util.List;

import dev.kappa.core.LogKey;

/**
 * A log's writer signed two different histories: the entries a peer offered verify under the writer's key,
 * but they extend a tree that differs from the one this database holds. Nothing offered is stored; the
 * evidence (both signed states) is kept for a person to look at.
 */
public class ForkException extends RejectedEntriesException {

	private final transient Evidence evidence;

	public ForkException(Evidence evidence) {
		super("Log " + evidence.log() + " has forked: its writer signed two different histories (ours up to length "
				+ evidence.ourLength() + ", a peer's up to length " + evidence.theirLength() + ")");
		this.evidence = evidence;
	}

	/**
	 * The one place fork evidence is built: our copy's signed state (its current head and roots) against a
	 * state the writer also signed.
	 * @param ours the log as this node holds it
	 * @param theirRoots the peer's roots at our length, or empty if the peer sent none
	 * @param theirLength the length the peer's signature covers
	 * @param theirTreeHash the tree hash the peer's signature covers
	 * @param theirSignature that signature
	 */
	public static ForkException against(SignedLog ours, List<TreeNode> theirRoots, long theirLength,
			byte[] theirTreeHash, byte[] theirSignature) {
		LogHead head = ours.head();
		return new ForkException(new Evidence(ours.key(), head.length(), ours.rootsAt(head.length()), head.signature(),
				theirRoots, theirLength, theirTreeHash.clone(), theirSignature.clone()));
	}

	public Evidence evidence() {
		return this.evidence;
	}

	/**
	 * Two signed states of one log that cannot both be true.
	 *
	 * @param log the log
	 * @param ourLength the length of our copy
	 * @param ourRoots our Merkle roots at that length
	 * @param ourSignature the writer's signature of our tree
	 * @param theirRoots the peer's roots at our length
	 * @param theirLength the length the peer's signature covers
	 * @param theirTreeHash the tree hash the peer's signature covers
	 * @param theirSignature that signature
	 */
	public record Evidence(LogKey log, long ourLength, List<TreeNode> ourRoots, byte[] ourSignature,
			List<TreeNode> theirRoots, long theirLength, byte[] theirTreeHash, byte[] theirSignature) {
	}
}
