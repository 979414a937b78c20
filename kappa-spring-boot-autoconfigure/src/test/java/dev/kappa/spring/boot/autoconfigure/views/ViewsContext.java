package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;

import dev.kappa.spring.boot.autoconfigure.KappaAutoConfiguration;
import dev.kappa.spring.boot.autoconfigure.KappaDataSourceAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configurations a Spring Boot application with the starter gets, for view tests. */
final class ViewsContext {

	private ViewsContext() {
	}

	static ApplicationContextRunner runner(Path storage) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KappaDataSourceAutoConfiguration.class,
					DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, KappaAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					DataJdbcRepositoriesAutoConfiguration.class))
			.withUserConfiguration(ViewsTestConfiguration.class)
			.withPropertyValues("kappa.storage-dir=" + storage);
	}
}
