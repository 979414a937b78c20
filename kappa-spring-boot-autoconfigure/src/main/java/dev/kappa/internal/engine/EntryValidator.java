package dev.kappa.internal.engine;

/**
 * Checks a value before it is appended to a log: {@code append} and {@code appendAll} call it for every value
 * before anything is encoded or written, so a batch with one invalid value writes nothing. The auto-configuration
 * adapts Bean Validation when it is on the class path; the engine itself knows nothing of it.
 */
@FunctionalInterface
public interface EntryValidator {

	/** Accepts every value. */
	EntryValidator NONE = value -> {
	};

	/**
	 * Throws if {@code value} must not be appended; the exception names what is wrong (e.g. the field).
	 * @throws RuntimeException for an invalid value
	 */
	void validate(Object value);
}
