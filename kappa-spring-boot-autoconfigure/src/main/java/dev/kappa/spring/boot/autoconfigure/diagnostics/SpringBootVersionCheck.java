package dev.kappa.spring.boot.autoconfigure.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Fails start-up, before any bean is defined, when the application runs a Spring Boot older (major.minor) than the
 * one kappa-spring was built with: one line names both versions instead of an unrelated error later on. Registered
 * in {@code META-INF/spring.factories}; uses only types that older Spring Boot versions have too.
 */
class SpringBootVersionCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String BUILD_PROPERTIES = "META-INF/kappa-spring/build.properties";

	private final String running;

	private final String built;

	public SpringBootVersionCheck() {
		this(SpringBootVersion.getVersion(), builtWith());
	}

	/** For tests: the check with given running and built versions. */
	SpringBootVersionCheck(String running, String built) {
		this.running = running;
		this.built = built;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String problem = problem(this.running, this.built);
		if (problem != null) {
			throw new IncompatibleSpringBootException(problem);
		}
	}

	/** The Spring Boot version kappa-spring was built with, or {@code null} if unknown. */
	static String builtWith() {
		try (InputStream in = SpringBootVersionCheck.class.getClassLoader().getResourceAsStream(BUILD_PROPERTIES)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("spring-boot.version");
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The one-line problem if {@code running} is older than {@code built} in its major or minor version, else
	 * {@code null} (also when either version is unknown or not numeric, e.g. run from an IDE without a manifest).
	 */
	static String problem(String running, String built) {
		int[] r = majorMinor(running);
		int[] b = majorMinor(built);
		if (r == null || b == null) {
			return null;
		}
		boolean older = r[0] < b[0] || (r[0] == b[0] && r[1] < b[1]);
		return older ? "kappa-spring was built for Spring Boot " + built + " and needs " + b[0] + "." + b[1]
				+ ".x or later; this application runs Spring Boot " + running : null;
	}

	private static int[] majorMinor(String version) {
		if (version == null) {
			return null;
		}
		String[] parts = version.split("[.-]");
		try {
			return new int[] { Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0 };
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Start-up refused because of the Spring Boot version. */
	public static class IncompatibleSpringBootException extends RuntimeException {

		IncompatibleSpringBootException(String message) {
			super(message);
		}
	}
}
