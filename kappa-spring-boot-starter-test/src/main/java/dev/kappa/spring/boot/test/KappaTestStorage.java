package dev.kappa.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every application context of a Spring test its own fresh temporary {@code kappa.storage-dir}, deleted when
 * the context closes, so tests never touch the application's own data ({@code ./kappa-data}), never meet the lock
 * of a running instance, and two cached contexts never share a directory.
 * <p>
 * The directory is a property source placed just below the system environment: a {@code kappa.storage-dir} given
 * for the test ({@code @SpringBootTest(properties = ...)}, a test property source,
 * {@code @DynamicPropertySource}, a system property or an environment variable) is kept, while the one in
 * {@code application.properties} is replaced. Registered in {@code META-INF/spring.factories}.
 */
public class KappaTestStorage implements ContextCustomizerFactory {

	/** The name of the property source holding the temporary directory. */
	public static final String PROPERTY_SOURCE = "kappaTestStorage";

	static final String PROPERTY = "kappa.storage-dir";

	/** Spring Boot's source that shows every other source under canonical names. */
	private static final String ATTACHED = "configurationProperties";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	/** All equal, so the context cache works exactly as without it. */
	static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			apply(context);
		}

		@Override
		public boolean equals(Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}
	}

	/** Gives {@code context} a fresh storage dir unless one is set for the test; returns it, or {@code null}. */
	static Path apply(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (setForTheTest(environment)) {
			return null;
		}
		Path dir;
		try {
			dir = Files.createTempDirectory("kappa-test-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary kappa.storage-dir: " + ex.getMessage(), ex);
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, Map.of(PROPERTY, dir.toString()));
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
		// registered before any bean, so destroyed after all of them (the database is closed by then)
		DisposableBean deletion = () -> delete(dir);
		if (context.getBeanFactory() instanceof DefaultListableBeanFactory beans) {
			beans.registerDisposableBean("kappaTestStorageDeletion", deletion);
		}
		else {
			context.addApplicationListener(event -> {
				if (event instanceof org.springframework.context.event.ContextClosedEvent) {
					delete(dir);
				}
			});
		}
		return dir;
	}

	/**
	 * Whether {@code kappa.storage-dir} comes from a source above the system environment: the test's own properties,
	 * system properties or the environment itself (not the application's config files, which come below).
	 */
	private static boolean setForTheTest(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source.getName().equals(ATTACHED)) {
				continue; // a view of all the other sources
			}
			if (source.containsProperty(PROPERTY)) {
				return true;
			}
			if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				// relaxed binding: KAPPA_STORAGEDIR
				return source.containsProperty("KAPPA_STORAGEDIR");
			}
		}
		return false;
	}

	static void delete(Path dir) {
		try {
			Files.walkFileTree(dir, new SimpleFileVisitor<>() {
				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.deleteIfExists(file);
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path d, IOException ex) throws IOException {
					Files.deleteIfExists(d);
					return FileVisitResult.CONTINUE;
				}
			});
		}
		catch (NoSuchFileException ex) {
			// already gone
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the temporary kappa.storage-dir " + dir + ": " + ex.getMessage(), ex);
		}
	}
}
