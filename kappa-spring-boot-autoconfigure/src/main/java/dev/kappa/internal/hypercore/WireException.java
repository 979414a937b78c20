package dev.kappa.internal.hypercore;

/** A peer sent bytes that break the hypercore wire protocol; the connection (or the channel) is closed. */
public final class WireException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public WireException(String message) {
		super(message);
	}

	public WireException(String message, Throwable cause) {
		super(message, cause);
	}
}
