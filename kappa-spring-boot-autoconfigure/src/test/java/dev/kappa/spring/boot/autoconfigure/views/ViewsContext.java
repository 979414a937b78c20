package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kappa.spring.boot.autoconfigure.ImportedAutoConfigurations;
import dev.kappa.testing.TestDatabase;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Contexts as a Spring Boot application with the starter gets them (every imported auto-configuration), for
 * view tests: on the default embedded H2 file under the storage dir, or with {@code spring.datasource.url}
 * pointing at a database on the test PostgreSQL server. Contexts on the same storage dir share that database,
 * as restarts of one application do.
 */
final class ViewsContext {

	private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

	private ViewsContext() {
	}

	static ApplicationContextRunner runner(Path storage) {
		return runner(storage, TestDatabase.H2);
	}

	static ApplicationContextRunner runner(Path storage, TestDatabase database) {
		ApplicationContextRunner runner = ImportedAutoConfigurations.runner()
			.withUserConfiguration(ViewsTestConfiguration.class)
			.withPropertyValues("kappa.storage-dir=" + storage);
		if (database == TestDatabase.H2) {
			return runner;
		}
		String url = DATABASES.computeIfAbsent(storage.toAbsolutePath(), dir -> database.newUrl());
		return runner.withPropertyValues("spring.datasource.url=" + url);
	}
}
