package dev.kappa.replication;

import java.util.List;

import dev.kappa.log.ForkException;
import dev.kappa.log.LogStore;
import dev.kappa.log.RejectedEntriesException;
import dev.kappa.log.SignedLog;

/**
 * The checks every received head and chunk goes through, whether it comes from a peer or from an archive:
 * nothing is stored before it verifies.
 */
final class Verification {

	private Verification() {
	}

	/**
	 * Whether an announced head verifies: against the writer's key, and for a log held, against the stored
	 * tree where they overlap.
	 * @throws ForkException if it verifies but contradicts the stored tree, or claims more of one of our own
	 * writable logs than we wrote (the writer key is in use elsewhere)
	 */
	static boolean head(Messages.Head head, SignedLog local) {
		if (local == null) {
			return SignedLog.verifyHead(head.key(), head.length(), head.fork(), head.treeHash(), head.signature());
		}
		if (!local.checkAnnounced(head.length(), head.fork(), head.treeHash(), head.signature())) {
			return false;
		}
		if (local.writable() && head.length() > local.length()) {
			throw ForkException.against(local, List.of(), head.length(), head.treeHash(), head.signature());
		}
		return true;
	}

	/**
	 * Verifies and stores a chunk into a replica, skipping entries the log already holds (another session may
	 * have stored them meanwhile).
	 * @return the number of entries stored
	 * @throws ProtocolException if the chunk does not verify or leaves a gap
	 * @throws ForkException if it proves the writer signed two histories
	 */
	static long store(SignedLog log, Messages.Data data) {
		for (int attempt = 0;; attempt++) {
			long have = log.length();
			long end = data.start() + data.entries().size();
			if (end <= have) {
				return 0;
			}
			if (data.start() > have) {
				throw new ProtocolException("sent entries of log " + log.key() + " from seq " + data.start()
						+ ", but this node holds only " + have);
			}
			int skip = (int) (have - data.start());
			List<byte[]> entries = data.entries().subList(skip, data.entries().size());
			try {
				log.appendVerified(have, entries, data.fork(), data.signature(), skip == 0 ? data.roots() : null);
				return entries.size();
			}
			catch (ForkException ex) {
				throw ex;
			}
			catch (RejectedEntriesException ex) {
				if (log.length() != have && attempt < 8) {
					continue; // another session appended concurrently
				}
				throw new ProtocolException("sent entries that were rejected: " + ex.getMessage());
			}
		}
	}

	/**
	 * The replica a chunk is for, created now if the node does not hold it yet: only once the chunk, the log's
	 * first entries, verifies, and only while the node holds fewer than {@code maxLogs} logs.
	 * @return the replica, or {@code null} if the node already holds {@code maxLogs} logs
	 * @throws ProtocolException if the chunk does not start the log or does not verify
	 */
	static SignedLog replicaFor(LogStore store, Messages.Data data, int maxLogs) {
		SignedLog held = store.find(data.key()).orElse(null);
		if (held != null) {
			return held;
		}
		if (data.start() != 0) {
			throw new ProtocolException("sent entries of log " + data.key() + " from seq " + data.start()
					+ ", but this node holds none of it");
		}
		if (!SignedLog.verifiesFromEmpty(data.key(), data.entries(), data.fork(), data.signature())) {
			throw new ProtocolException("sent entries that were rejected: the writer's signature does not verify over"
					+ " entries 0.." + (data.entries().size() - 1) + " of log " + data.key());
		}
		if (store.logs().size() >= maxLogs) {
			return null;
		}
		return store.replica(data.key());
	}
}
