package dev.kappa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.kappa.spring.boot.autoconfigure.imported.ImportedApplication;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Test contexts built as an application gets them: every auto-configuration listed in the
 * {@code META-INF/spring/...AutoConfiguration.imports} files on the test class path (the starter's own and Spring
 * Boot's), never a hand-written list. An auto-configuration missing from our imports file is then missing here too.
 */
public final class ImportedAutoConfigurations {

	private ImportedAutoConfigurations() {
	}

	/** The auto-configuration classes named by every imports file on the class path, in the files' order. */
	public static List<String> names() {
		List<String> names = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, ImportedAutoConfigurations.class.getClassLoader())
			.forEach(names::add);
		return names;
	}

	/**
	 * A non-web context runner with every imported auto-configuration, selected, filtered (conditions read from the
	 * class files, as for an application) and ordered by Spring Boot's own {@code @EnableAutoConfiguration}.
	 */
	public static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(ImportedApplication.class);
	}

	/** A servlet web context runner with every imported auto-configuration, as {@link #runner()}. */
	public static WebApplicationContextRunner webRunner() {
		return new WebApplicationContextRunner().withUserConfiguration(ImportedApplication.class);
	}
}
