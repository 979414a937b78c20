package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;

import dev.kappa.spring.boot.autoconfigure.ImportedAutoConfigurations;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A context as a Spring Boot application with the starter gets it (the real imports files), for view tests. */
final class ViewsContext {

	private ViewsContext() {
	}

	static ApplicationContextRunner runner(Path storage) {
		return ImportedAutoConfigurations.runner()
			.withUserConfiguration(ViewsTestConfiguration.class)
			.withPropertyValues("kappa.storage-dir=" + storage);
	}
}
