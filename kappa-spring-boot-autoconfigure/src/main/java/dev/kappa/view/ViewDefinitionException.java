package dev.kappa.view;

import dev.kappa.core.KappaException;

/**
 * A {@link KappaView} is declared wrongly: no handler, a handler with wrong parameters, a duplicate name,
 * an unusable table class. Thrown at start-up; the message names the class and the problem.
 */
public class ViewDefinitionException extends KappaException {

	public ViewDefinitionException(Class<?> type, String problem) {
		super("Invalid @KappaView " + type.getName() + ": " + problem);
	}

	public ViewDefinitionException(String message) {
		super(message);
	}
}
