package dev.kappa.spring.boot.autoconfigure.event;

import java.nio.file.Path;

import dev.kappa.core.LogKey;

/** A writer was seen with two different signed histories of its log (a fork); the evidence is kept in a file. */
public final class ForkDetectedEvent extends KappaEvent {

	private final LogKey log;

	private final String peer;

	private final Path evidence;

	public ForkDetectedEvent(Object source, LogKey log, String peer, Path evidence) {
		super(source);
		this.log = log;
		this.peer = peer;
		this.evidence = evidence;
	}

	public LogKey log() {
		return this.log;
	}

	/** The peer that offered the second history. */
	public String peer() {
		return this.peer;
	}

	/** The fork report under {@code <storage-dir>/forks/}. */
	public Path evidence() {
		return this.evidence;
	}

	@Override
	public String toString() {
		return "ForkDetectedEvent[" + this.log + " from " + this.peer + ", " + this.evidence + "]";
	}
}
