package dev.kappa.internal.schema;

import dev.kappa.core.KappaException;

/**
 * A row class (or a set of view tables) that cannot be mapped to a table. The message names the class, the
 * property and the problem, and says what to do instead.
 */
public class SchemaValidationException extends KappaException {

	public SchemaValidationException(String message) {
		super(message);
	}

	public SchemaValidationException(String message, Throwable cause) {
		super(message, cause);
	}
}
