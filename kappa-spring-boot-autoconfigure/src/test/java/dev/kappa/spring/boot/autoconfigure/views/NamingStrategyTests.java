package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** The application's NamingStrategy names the generated columns exactly as it names the repositories' ones. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NamingStrategyTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path storage;

	@Configuration(proxyBeanMethods = false)
	static class PrefixedColumns {

		@Bean
		NamingStrategy namingStrategy() {
			return new NamingStrategy() {
				@Override
				public String getColumnName(RelationalPersistentProperty property) {
					return "c_" + NamingStrategy.super.getColumnName(property);
				}
			};
		}
	}

	@Test
	void generatedTablesFollowTheApplicationsNamingStrategy() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, PrefixedColumns.class).run(context -> {
			assertThat(context).hasNotFailed();
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").append(new Put(1, "soup", "cold"));
			kappa.ready().get(10, TimeUnit.SECONDS);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT \"C_VALUE\" FROM \"kv\" WHERE \"C_KEY\" = 'soup'"),
					String.class)).isEqualTo("cold");
			assertThat(context.getBean(KvRepository.class).findByValue("cold")).isEqualTo(List.of(new KvRow("soup", "cold")));
		});
	}

	/** A mapping context of the application's own that the schema initializer cannot see. */
	@Configuration(proxyBeanMethods = false)
	static class OwnMappingContext {

		@Bean
		org.springframework.data.jdbc.core.mapping.JdbcMappingContext jdbcMappingContext() {
			return org.springframework.data.jdbc.core.mapping.JdbcMappingContext.forPlainIdentifiers(new NamingStrategy() {
				@Override
				public String getColumnName(RelationalPersistentProperty property) {
					return "x_" + NamingStrategy.super.getColumnName(property);
				}
			});
		}
	}

	@Test
	void aMappingThatDisagreesWithTheGeneratedTablesFailsStartUp() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, OwnMappingContext.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(KvView.class.getName())
				.contains("the application's Spring Data mapping");
		});
	}
}
