package dev.kappa.internal.log;

import java.util.List;

import dev.kappa.core.KappaException;

/**
 * How a local log's appends reach its files: {@link GroupCommit} (written, and forced as the {@link FsyncPolicy}
 * says, before {@code append} returns) or {@link DeferredCommits} (queued, written a moment later).
 */
interface Commits {

	/**
	 * Appends checked entries (see {@link SignedLog#append}).
	 * @return the seq of the first entry
	 */
	long append(List<byte[]> entries);

	/**
	 * Writes the entries of appends that returned before they were written, if any.
	 * @throws KappaException if they could not be written, naming their seqs
	 */
	default void flush() {
	}

	/** {@link #flush()}, leaving a failure to the appends and reads that follow (it is logged). */
	default void tryFlush() {
	}

	/**
	 * Takes no more appends and writes what is queued; the caller holds the commit lock.
	 * @return {@code null}, or the error naming the entries that could not be written and are lost
	 */
	default KappaException close() {
		return null;
	}
}
