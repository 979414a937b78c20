package dev.kappa.internal.replication;

import java.util.List;

import dev.kappa.internal.log.ForkException;
import dev.kappa.internal.log.SignatureScheme;
import dev.kappa.internal.log.SignedLog;

/**
 * The check of an announced head, whether it comes from a peer or from an archive ({@link Inbound} applies it
 * and the chunk checks): nothing is stored before it verifies.
 */
final class Verification {

	private Verification() {
	}

	/**
	 * Whether an announced head verifies: against the writer's key, and for a log held, against the stored
	 * tree where they overlap.
	 * A head of one of our own writable logs that {@linkplain SignedLog#awaitingOwnEntries() awaits its own
	 * entries} may be longer than our copy (a peer holds what a recovery cut lost here); the log then awaits at
	 * least its length.
	 * @throws ForkException if it verifies but contradicts the stored tree, or claims more of one of our own
	 * writable logs than we wrote (the writer key is in use elsewhere)
	 */
	static boolean head(Messages.Head head, SignedLog local) {
		if (local == null) {
			return SignatureScheme.verifiesHead(head.key(), head.length(), head.fork(), head.treeHash(), head.signature());
		}
		if (local.writable() && local.awaitingOwnEntries()) {
			return local.ownHeadAnnounced(head.length(), head.fork(), head.treeHash(), head.signature());
		}
		if (!local.checkAnnounced(head.length(), head.fork(), head.treeHash(), head.signature())) {
			return false;
		}
		if (local.writable() && head.length() > local.length()) {
			throw ForkException.against(local, List.of(), head.length(), head.treeHash(), head.signature());
		}
		return true;
	}
}
