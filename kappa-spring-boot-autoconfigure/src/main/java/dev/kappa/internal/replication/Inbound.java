package dev.kappa.internal.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.ForkException;
import dev.kappa.internal.log.RejectedEntriesException;
import dev.kappa.internal.log.SignatureScheme;
import dev.kappa.internal.log.SignedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where received logs enter a node, whatever brought them (a session's peer or an archive): announced heads
 * are verified, a log's replica is created only by its first verified chunk and only while the node holds
 * fewer than {@code kappa.replication.max-logs} logs, the node's own writable logs are never written, chunks
 * are verified before they are stored, and a fork's evidence is recorded. One instance per session or import;
 * not thread-safe.
 */
final class Inbound {

	private static final Logger logger = LoggerFactory.getLogger(Inbound.class);

	private final Node node;

	private final String source;

	private final String verb;

	/** Whether the WARN about {@code kappa.replication.max-logs} was logged for this source. */
	private boolean capLogged;

	/**
	 * @param source names the source in log lines and fork reports (a peer's address, {@code file:...})
	 * @param verb how errors say what the source did with what it offered: "sent" (a peer), "holds" (a file)
	 */
	Inbound(Node node, String source, String verb) {
		this.node = node;
		this.source = source;
		this.verb = verb;
	}

	/**
	 * Verifies every head of one HAVE before any is acted upon.
	 * @throws ProtocolException if one does not verify
	 * @throws ForkDetected if one proves a fork (the evidence is recorded)
	 */
	void verify(List<Messages.Head> heads) {
		for (Messages.Head head : heads) {
			boolean valid;
			try {
				valid = Verification.head(head, held(head.key()));
			}
			catch (ForkException ex) {
				throw fork(ex);
			}
			if (!valid) {
				throw new ProtocolException(this.verb + " a head of log " + head.key() + " (length " + head.length()
						+ ") whose signature does not verify");
			}
		}
	}

	/** The node's copy of a log, or null. */
	SignedLog held(LogKey key) {
		return this.node.store.find(key).orElse(null);
	}

	/**
	 * Whether entries of {@code key} may be stored: not into one of the node's own writable logs, unless it
	 * {@linkplain SignedLog#awaitingOwnEntries() awaits its own entries} (a recovery cut lost entries it had
	 * published; they verify against its own key like a replica's).
	 */
	boolean accepts(LogKey key) {
		SignedLog local = held(key);
		return local == null || !local.writable() || local.awaitingOwnEntries();
	}

	/** Throws unless entries of {@code key} may be stored. */
	void checkAccepts(LogKey key) {
		if (!accepts(key)) {
			throw new ProtocolException(this.verb + " entries for log " + key + ", which is this node's own writable log");
		}
	}

	/**
	 * Whether the node may create {@code pending} more replicas than it holds now; logs one WARN per source
	 * (naming {@code key}) when it may not.
	 */
	boolean roomFor(LogKey key, int pending) {
		if (this.node.store.logs().size() + pending < this.node.options.maxLogs()) {
			return true;
		}
		if (!this.capLogged) {
			this.capLogged = true;
			logger.warn("Replication with {}: not replicating log {} and any further new logs of this source: this"
					+ " node holds {} logs (kappa.replication.max-logs)", this.source, key, this.node.options.maxLogs());
		}
		return false;
	}

	/**
	 * The replica a chunk is for, created now if the node does not hold it yet: only once the chunk, the log's
	 * first entries, verifies, and only while the node holds fewer than {@code kappa.replication.max-logs} logs.
	 * @return the replica, or {@code null} if the node holds that many logs
	 * @throws ProtocolException if the chunk does not start the log or does not verify
	 */
	SignedLog replicaFor(Messages.Data data) {
		SignedLog held = held(data.key());
		if (held != null) {
			return held;
		}
		if (data.start() != 0) {
			throw new ProtocolException(this.verb + " entries of log " + data.key() + " from seq " + data.start()
					+ ", but this node holds none of it");
		}
		if (!SignatureScheme.verifiesFromEmpty(data.key(), data.entries(), data.fork(), data.signature())) {
			throw new ProtocolException(this.verb + " entries that were rejected: the writer's signature does not"
					+ " verify over entries 0.." + (data.entries().size() - 1) + " of log " + data.key());
		}
		if (!roomFor(data.key(), 0)) {
			return null;
		}
		return this.node.store.replica(data.key());
	}

	/**
	 * Verifies and stores a chunk into {@code log}, skipping entries it already holds (another session may
	 * have stored them meanwhile).
	 * @return the number of entries stored
	 * @throws ProtocolException if the chunk does not verify or leaves a gap
	 * @throws ForkDetected if it proves the writer signed two histories (the evidence is recorded)
	 */
	long store(SignedLog log, Messages.Data data) {
		if (!accepts(log.key()) && data.start() + data.entries().size() <= log.length()) {
			return 0; // asked for while the log awaited its own entries, and held again since
		}
		checkAccepts(log.key());
		try {
			return storeVerified(log, data);
		}
		catch (ForkException ex) {
			throw fork(ex);
		}
	}

	private long storeVerified(SignedLog log, Messages.Data data) {
		for (int attempt = 0;; attempt++) {
			long have = log.length();
			long end = data.start() + data.entries().size();
			if (end <= have) {
				return 0;
			}
			if (data.start() > have) {
				throw new ProtocolException(this.verb + " entries of log " + log.key() + " from seq " + data.start()
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
				throw new ProtocolException(this.verb + " entries that were rejected: " + ex.getMessage());
			}
		}
	}

	/** Records a fork's evidence (and tells the monitor); the returned exception says where it was kept. */
	ForkDetected fork(ForkException ex) {
		String where;
		try {
			Path file = this.node.forks.record(ex.evidence(), this.source);
			where = "evidence kept in " + file;
			this.node.monitor.forkDetected(ex.evidence().log(), this.source, file);
		}
		catch (IOException | RuntimeException io) {
			where = "the evidence could not be written (" + Session.describe(io) + ")";
		}
		return new ForkDetected(ex.evidence().log(), where);
	}

	/** A fork was detected and its evidence recorded (or not: {@link #where} says). */
	static final class ForkDetected extends RuntimeException {

		final LogKey log;

		final String where;

		ForkDetected(LogKey log, String where) {
			super("log " + log + " has forked: its writer signed two different histories (a fork); " + where, null,
					false, false);
			this.log = log;
			this.where = where;
		}
	}
}
