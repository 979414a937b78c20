package dev.kappa.internal.crypto;

import java.security.GeneralSecurityException;

/**
 * A Noise handshake or transport message was rejected: it did not authenticate (wrong network key, wrong peer or
 * tampered bytes), was malformed, or the session can no longer be used (nonce exhausted). The connection it came
 * from must be closed; the state that threw is not usable any more except where documented.
 * <p>
 * Internal: used by the replication package, not part of the API.
 */
public final class NoiseException extends GeneralSecurityException {

	private static final long serialVersionUID = 1L;

	public NoiseException(String message) {
		super(message);
	}

	public NoiseException(String message, Throwable cause) {
		super(message, cause);
	}
}
