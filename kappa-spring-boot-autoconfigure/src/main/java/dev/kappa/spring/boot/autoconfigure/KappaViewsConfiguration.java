package dev.kappa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.internal.schema.NodeSchema;
import dev.kappa.internal.schema.ViewJsonConversions;
import dev.kappa.internal.indexer.ViewDeclaration;
import dev.kappa.internal.indexer.ViewEngine;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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
 * Views, when there is a database for them: the {@code @KappaView} beans found ({@link KappaViewRegistry}), the node's
 * claim on its view schema, the view tables ({@link KappaViewSchemaInitializer}) and the lifecycle that starts
 * indexing. The {@link ViewEngine} itself is a part of the database ({@link KappaEngineConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(JdbcMappingContext.class)
@ConditionalOnBean(DataSource.class)
class KappaViewsConfiguration {

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
		return new KappaViewSchemaInitializer(dataSource, registry, namingStrategy, KappaAutoConfiguration.json(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	KappaViewsLifecycle kappaViewsLifecycle(ObjectProvider<ViewEngine> views, KappaViewRegistry registry,
			KappaViewSchemaInitializer initializer, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<JdbcMappingContext> mapping) {
		return new KappaViewsLifecycle(views, registry, initializer, beanFactory, mapping);
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
				ViewJsonConversions.forRowClasses(rowTypes, KappaAutoConfiguration.json(jsonMapper)));
	}
}
