package dev.kappa.internal.replication;

/**
 * The peer broke the protocol: a malformed or oversized message, a message out of turn, or data that does not
 * verify. The message names the problem for the one WARN line that closes the session.
 */
final class ProtocolException extends RuntimeException {

	ProtocolException(String message) {
		super(message, null, false, false);
	}
}
