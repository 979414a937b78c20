package dev.kappa.internal.replication;

import dev.kappa.core.KappaException;

/**
 * A replication session failed or could not start. The message names the peer and the reason (a refused
 * connection, a different network key, data that did not verify, a stalled peer, ...).
 */
public class ReplicationException extends KappaException {

	public ReplicationException(String message) {
		super(message);
	}

	public ReplicationException(String message, Throwable cause) {
		super(message, cause);
	}
}
