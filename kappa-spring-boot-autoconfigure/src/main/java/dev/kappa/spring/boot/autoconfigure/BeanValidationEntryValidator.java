package dev.kappa.spring.boot.autoconfigure;

import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

import dev.kappa.internal.engine.EntryValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Bean Validation of appended values ({@code @NotNull}, {@code @NotBlank}, ... on the message record): an invalid
 * value fails the append with a {@link ConstraintViolationException} naming each field and what is wrong with it.
 * The application's {@link Validator} is looked up at the first append, so none is needed at start-up; without one
 * (no Bean Validation provider on the class path) values are not validated.
 */
final class BeanValidationEntryValidator implements EntryValidator {

	private final ObjectProvider<Validator> validator;

	BeanValidationEntryValidator(ObjectProvider<Validator> validator) {
		this.validator = validator;
	}

	@Override
	public void validate(Object value) {
		Validator v = this.validator.getIfAvailable();
		if (v == null || value == null) {
			return;
		}
		Set<ConstraintViolation<Object>> violations = v.validate(value);
		if (!violations.isEmpty()) {
			String fields = violations.stream()
				.sorted(Comparator.comparing((ConstraintViolation<Object> c) -> c.getPropertyPath().toString()))
				.map(c -> c.getPropertyPath() + " " + c.getMessage())
				.collect(Collectors.joining(", "));
			throw new ConstraintViolationException("Invalid " + value.getClass().getSimpleName() + ", not appended: "
					+ fields, violations);
		}
	}
}
