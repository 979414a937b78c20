package dev.kappa.core;

import java.time.Instant;

/**
 * A snapshot of replication with one peer: a configured live peer ({@code kappa.replication.peers}) or a peer
 * that connected to this node's server. The entry counts are those of the current session (of the last one
 * while backing off), so {@code entriesReceived / entriesAnnounced} is the progress of a sync.
 *
 * @param address the peer's address: the configured URI of a dialled peer, the remote address of an inbound one
 * @param dialled whether this node dials it (a configured peer) rather than the peer having connected
 * @param state what replication with it is doing
 * @param nextAttempt when this node dials it again, while {@link State#BACKING_OFF}; else {@code null}
 * @param entriesAnnounced entries the peer announced that this node did not hold, in this session
 * @param entriesReceived entries received from it, verified and stored, in this session
 * @param entriesSent entries sent to it, in this session
 * @param bytesReceived bytes received on the wire in this session
 * @param bytesSent bytes sent on the wire in this session
 * @param lastSynced when a session with it last finished its initial sync; {@code null} if never
 * @param lastError why the last session or connection attempt failed; {@code null} if it did not
 */
public record PeerStatus(String address, boolean dialled, State state, Instant nextAttempt, long entriesAnnounced,
		long entriesReceived, long entriesSent, long bytesReceived, long bytesSent, Instant lastSynced,
		String lastError) {

	/** What replication with a peer is doing. */
	public enum State {
		/** Dialling it, or the handshake is under way. */
		CONNECTING,
		/** Connected; exchanging what each side lacks. */
		SYNCING,
		/** Synced and connected: new entries flow as they are appended. */
		LIVE,
		/** Not connected; waiting until {@link PeerStatus#nextAttempt()} to dial again. */
		BACKING_OFF
	}

	/** {@code entriesReceived / entriesAnnounced} as a fraction from 0 to 1 (1 when nothing was announced). */
	public double progress() {
		return this.entriesAnnounced <= 0 ? 1.0 : Math.min(1.0, (double) this.entriesReceived / this.entriesAnnounced);
	}
}
