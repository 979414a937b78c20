package dev.kappa.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.Kappa;
import dev.kappa.core.KappaMonitor;
import dev.kappa.engine.EntryValidator;
import dev.kappa.engine.KappaDatabase;
import dev.kappa.engine.KappaEngine;
import dev.kappa.engine.Monitors;
import dev.kappa.log.LogOptions;
import dev.kappa.replication.ReplicationOptions;
import dev.kappa.replication.Replicator;
import dev.kappa.schema.ViewJsonConversions;
import dev.kappa.indexer.ViewDeclaration;
import dev.kappa.schema.NodeSchema;
import dev.kappa.indexer.ViewEngine;
import dev.kappa.indexer.ViewOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Auto-configuration of kappa-spring: the {@link Kappa} database over {@code kappa.storage-dir}, and its views
 * over the application's DataSource (by default the embedded H2 file database of
 * {@link KappaDataSourceAutoConfiguration}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		beforeName = "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration")
@EnableConfigurationProperties(KappaProperties.class)
public final class KappaAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Kappa.class)
	KappaDatabase kappa(KappaProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<KappaViewSchemaInitializer> views, ObjectProvider<DataSource> dataSource,
			ObjectProvider<KappaMonitor> monitors, ObjectProvider<EntryValidator> entryValidator) {
		Duration interval = properties.getLog().getFsyncInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new InvalidConfigurationPropertyValueException("kappa.log.fsync-interval", interval, "must be positive");
		}
		LogOptions options = LogOptions.defaults().withFsync(properties.getLog().getFsync()).withFsyncInterval(interval)
			.withAllowCut(properties.getLog().getRecovery().isAllowCut());
		java.nio.file.Path storage = StorageDirectory.prepare(properties.getStorageDir());
		ReplicationOptions replication = ReplicationSettings.options(properties.getReplication(), storage);
		KappaMonitor monitor = Monitors.of(monitors.orderedStream().toList());
		KappaEngine engine = KappaEngine.open(storage, options, json(jsonMapper), Clock.systemUTC(), monitor,
				entryValidator.getIfAvailable(() -> EntryValidator.NONE));
		KappaDatabase database = new KappaDatabase(engine);
		try {
			KappaViewSchemaInitializer schema = views.getIfAvailable();
			if (schema != null) {
				database.attach(new ViewEngine(engine, dataSource.getObject(), schema.prepared().values(),
						viewOptions(properties)));
			}
			database.attach(new Replicator(engine.store(), replication, monitor));
		}
		catch (RuntimeException ex) {
			database.close();
			throw ex;
		}
		return database;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(KappaViewSchemaInitializer.class)
	KappaViewsLifecycle kappaViewsLifecycle(ObjectProvider<Kappa> kappa, KappaViewRegistry registry,
			KappaViewSchemaInitializer initializer, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<JdbcMappingContext> mapping) {
		return new KappaViewsLifecycle(kappa, registry, initializer, beanFactory, mapping);
	}

	@Bean
	@ConditionalOnMissingBean
	KappaReplicationLifecycle kappaReplicationLifecycle(ObjectProvider<Kappa> kappa,
			org.springframework.core.env.ConfigurableEnvironment environment) {
		return new KappaReplicationLifecycle(kappa, environment);
	}

	static JsonMapper json(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
	}

	private static ViewOptions viewOptions(KappaProperties properties) {
		int batchSize = properties.getViews().getBatchSize();
		if (batchSize < 1) {
			throw new InvalidConfigurationPropertyValueException("kappa.views.batch-size", batchSize, "must be at least 1");
		}
		return new ViewOptions(batchSize, properties.getViews().getOnError());
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

	/** Views, when there is a database for them. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcMappingContext.class)
	@ConditionalOnBean(DataSource.class)
	static class ViewsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KappaViewRegistry kappaViewRegistry(ConfigurableListableBeanFactory beanFactory) {
			return new KappaViewRegistry(beanFactory);
		}

		/** Points a PostgreSQL Hikari pool at the node's view schema before it opens a connection. */
		@Bean
		@ConditionalOnClass(HikariDataSource.class)
		static KappaViewSchemaSearchPath kappaViewSchemaSearchPath(org.springframework.core.env.Environment environment) {
			return new KappaViewSchemaSearchPath(environment);
		}

		/** The node's claim on its view schema (PostgreSQL), held until the context closes. */
		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		NodeSchema kappaViewNodeSchema(DataSource dataSource, KappaProperties properties) {
			try {
				return NodeSchema.claim(dataSource, () -> KappaViewSchemaName.resolve(properties));
			}
			catch (NodeSchema.SchemaClaimException ex) {
				throw new InvalidConfigurationPropertyValueException(KappaViewSchemaName.PROPERTY,
						properties.getViews().getSchema(), ex.getMessage());
			}
		}

		@Bean
		@ConditionalOnMissingBean
		KappaViewSchemaInitializer kappaViewSchemaInitializer(DataSource dataSource, KappaViewRegistry registry,
				Optional<NamingStrategy> namingStrategy, ObjectProvider<JsonMapper> jsonMapper, KappaProperties properties,
				NodeSchema nodeSchema) {
			String url = properties.getViews().getDatasource();
			if (url != null && !url.isBlank() && !(dataSource instanceof HikariDataSource hikari && url.equals(hikari.getJdbcUrl()))) {
				throw new InvalidConfigurationPropertyValueException("kappa.views.datasource", url,
						"the application has its own DataSource (a bean or spring.datasource.url), which views use; remove one of the two");
			}
			return new KappaViewSchemaInitializer(dataSource, registry, namingStrategy, json(jsonMapper));
		}

		/**
		 * Spring Data JDBC's conversions plus JSON converters for the value types of view rows, so repositories
		 * read JSON columns back. An application that defines its own {@code JdbcCustomConversions} adds
		 * {@code ViewJsonConversions.forRowClasses(...)} to it.
		 */
		@Bean
		@ConditionalOnMissingBean
		JdbcCustomConversions jdbcCustomConversions(KappaViewRegistry registry, ObjectProvider<JsonMapper> jsonMapper,
				ObjectProvider<JdbcDialect> dialect, DataSource dataSource) {
			List<Class<?>> rowTypes = new ArrayList<>();
			for (ViewDeclaration view : registry.declarations().values()) {
				rowTypes.addAll(view.tables());
			}
			return JdbcConfiguration.createCustomConversions(
					dialect.getIfAvailable(() -> DialectResolver.getDialect(new JdbcTemplate(dataSource))),
					ViewJsonConversions.forRowClasses(rowTypes, json(jsonMapper)));
		}
	}
}
