package dev.kappa.spring.boot.autoconfigure.event;

import java.time.Duration;

import dev.kappa.core.PeerStatus;

/** A replication session finished its initial sync: both sides hold what the other announced. */
public final class PeerSyncedEvent extends KappaEvent {

	private final PeerStatus peer;

	private final Duration took;

	public PeerSyncedEvent(Object source, PeerStatus peer, Duration took) {
		super(source);
		this.peer = peer;
		this.took = took;
	}

	/** The peer's status at the moment it synced (entries received and sent in the session). */
	public PeerStatus peer() {
		return this.peer;
	}

	/** From the connection to the end of the sync. */
	public Duration took() {
		return this.took;
	}

	@Override
	public String toString() {
		return "PeerSyncedEvent[" + this.peer.address() + ", " + this.peer.entriesReceived() + " received, "
				+ this.peer.entriesSent() + " sent, " + this.took.toMillis() + " ms]";
	}
}
