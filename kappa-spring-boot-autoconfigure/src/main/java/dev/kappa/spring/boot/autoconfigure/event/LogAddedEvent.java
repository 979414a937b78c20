package dev.kappa.spring.boot.autoconfigure.event;

import dev.kappa.core.LogKey;

/** A log was created: a local one (first {@code writer(name)}) or the replica of a peer's log. */
public final class LogAddedEvent extends KappaEvent {

	private final LogKey log;

	private final boolean writable;

	public LogAddedEvent(Object source, LogKey log, boolean writable) {
		super(source);
		this.log = log;
		this.writable = writable;
	}

	public LogKey log() {
		return this.log;
	}

	/** Whether it is a local log (this node writes it) rather than a replica. */
	public boolean writable() {
		return this.writable;
	}

	@Override
	public String toString() {
		return "LogAddedEvent[" + this.log + (this.writable ? ", local" : ", replica") + "]";
	}
}
