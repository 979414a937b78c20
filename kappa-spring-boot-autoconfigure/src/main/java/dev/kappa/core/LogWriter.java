package dev.kappa.core;

import java.util.List;

/**
 * Appends to one local log. Safe for concurrent use; appends from many threads may be committed together
 * as one signed batch without changing their order or the sequence numbers returned.
 */
public interface LogWriter {

	/** The log's public key. */
	LogKey key();

	/**
	 * Appends one value, stored as JSON with its type name, as a signed batch of one.
	 * @return the sequence number of the entry
	 */
	long append(Object value);

	/**
	 * Appends the values in order as one signed batch.
	 * @return the sequence number of the first entry (the others follow consecutively)
	 */
	long appendAll(List<?> values);
}
