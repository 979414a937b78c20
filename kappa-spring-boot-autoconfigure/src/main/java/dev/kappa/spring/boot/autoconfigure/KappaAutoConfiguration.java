package dev.kappa.spring.boot.autoconfigure;

import dev.kappa.core.Kappa;
import dev.kappa.internal.engine.EntryValidator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of kappa-spring: the {@link Kappa} database over {@code kappa.storage-dir}, and its views
 * over the application's DataSource (by default the embedded H2 file database of
 * {@link KappaDataSourceAutoConfiguration}).
 * <p>
 * The views' configuration ({@link KappaViewsConfiguration}) is imported before the database's parts
 * ({@link KappaEngineConfiguration}), whose view engine exists only when the view tables do.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		beforeName = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration")
@EnableConfigurationProperties(KappaProperties.class)
@Import({ StorageDirectory.Configuration.class, KappaViewsConfiguration.class, KappaEngineConfiguration.class })
public final class KappaAutoConfiguration {

	static JsonMapper json(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

	/** Bean Validation of appended values, when it is on the class path. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "jakarta.validation.Validator")
	static class EntryValidationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EntryValidator kappaEntryValidator(ObjectProvider<jakarta.validation.Validator> validator) {
			return new BeanValidationEntryValidator(validator);
		}
	}
}
