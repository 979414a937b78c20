package dev.kappa.core;

/**
 * The base of kappa-spring's runtime exceptions. Messages name the log, file, offset, view or peer involved.
 */
public class KappaException extends RuntimeException {

	public KappaException(String message) {
		super(message);
	}

	public KappaException(String message, Throwable cause) {
		super(message, cause);
	}
}
