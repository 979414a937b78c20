package dev.kappa.internal.log;

import dev.kappa.core.KappaException;

/**
 * Entries offered by a peer were not stored: they do not verify against the writer's signature, they are
 * for one of this database's own writable logs, or they do not continue the log where it ends.
 */
public class RejectedEntriesException extends KappaException {

	public RejectedEntriesException(String message) {
		super(message);
	}
}
