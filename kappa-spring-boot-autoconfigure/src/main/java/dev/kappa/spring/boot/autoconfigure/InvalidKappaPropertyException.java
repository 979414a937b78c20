package dev.kappa.spring.boot.autoconfigure;

/**
 * A {@code kappa.*} property whose value cannot be used. Unlike Boot's
 * {@code InvalidConfigurationPropertyValueException}, whose report lists the property's value in every property
 * source, its report never shows a value, so it is used where the value may be a secret. Reported by
 * {@link KappaFailureAnalyzer}.
 */
public class InvalidKappaPropertyException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * @param property the property, e.g. {@code kappa.replication.network-key}
	 * @param reason what is wrong, without the value
	 * @param action what to do about it
	 */
	public InvalidKappaPropertyException(String property, String reason, String action) {
		super(reason.startsWith(property) ? reason : "Invalid " + property + ": " + reason);
		this.property = property;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getAction() {
		return this.action;
	}
}
