package dev.kappa.internal.log;

import java.nio.file.Path;

import dev.kappa.core.KappaException;

/**
 * A log's files are inconsistent in a way that a crash cannot explain: a checksum or hash that does not
 * match, a bad signature, an index that disagrees with the data. The log is not opened, and nothing is
 * repaired: the message names the log, the file and the byte offset so a person can investigate.
 */
public class CorruptLogException extends KappaException {

	private final transient Path file;

	private final long offset;

	public CorruptLogException(String log, Path file, long offset, String problem) {
		super("Log " + log + " is corrupt: " + problem + " (file " + file + ", offset " + offset + ")");
		this.file = file;
		this.offset = offset;
	}

	/** The file in which the problem was found. */
	public Path file() {
		return this.file;
	}

	/** The byte offset in {@link #file()} at which the problem was found. */
	public long offset() {
		return this.offset;
	}
}
