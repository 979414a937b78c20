package dev.kappa.core;

/**
 * Reads one log held by this database: a local one or one replicated from a peer.
 */
public interface LogReader {

	/** The name of a local log (as given to {@link Kappa#writer(String)}); empty for a replica. */
	default java.util.Optional<String> name() {
		return java.util.Optional.empty();
	}

	/** The log's public key. */
	LogKey key();

	/** The number of entries held (all of them signed by the log's writer). */
	long length();

	/** Whether this database holds the log's secret key and can append to it. */
	boolean writable();

	/**
	 * The entry at {@code seq} with its JSON payload as UTF-8 bytes.
	 * @throws IndexOutOfBoundsException if {@code seq} is not below {@link #length()}
	 */
	LogEntry<byte[]> get(long seq);

	/**
	 * The entry at {@code seq} with its payload decoded to {@code type} ({@code JsonNode} and
	 * {@code byte[]} are accepted too).
	 * @throws IndexOutOfBoundsException if {@code seq} is not below {@link #length()}
	 */
	<T> LogEntry<T> get(long seq, Class<T> type);
}
