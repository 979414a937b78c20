package dev.kappa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.internal.schema.ViewJsonConversions;
import dev.kappa.internal.indexer.ViewDeclaration;
import dev.kappa.view.ViewDefinitionException;
import dev.kappa.internal.indexer.ViewSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates the view tables (and rebuilds changed views) before any repository, {@code JdbcTemplate} or
 * {@code JdbcClient} can use the database: a database initializer in Spring Boot's sense (see
 * {@link KappaViewSchemaInitializerDetector}).
 * <p>
 * Table and column names come from a Spring Data {@link JdbcMappingContext} built by Spring Data's own
 * factories with the application's naming strategy and the database's dialect, as the repositories' one is.
 * It cannot be the application's bean (that one depends on the JDBC template, which waits for this
 * initializer), so {@link KappaViewsLifecycle} checks afterwards that both map every view table alike.
 */
class KappaViewSchemaInitializer implements InitializingBean {

	private final DataSource dataSource;

	private final KappaViewRegistry registry;

	private final Optional<NamingStrategy> namingStrategy;

	private final JsonMapper json;

	private Map<String, ViewSchema.Prepared> prepared;

	private JdbcMappingContext mappingContext;

	KappaViewSchemaInitializer(DataSource dataSource, KappaViewRegistry registry, Optional<NamingStrategy> namingStrategy,
			JsonMapper json) {
		this.dataSource = dataSource;
		this.registry = registry;
		this.namingStrategy = namingStrategy;
		this.json = json;
	}

	@Override
	public void afterPropertiesSet() {
		Collection<ViewDeclaration> views = this.registry.declarations().values();
		JdbcDialect dialect = DialectResolver.getDialect(new JdbcTemplate(this.dataSource));
		List<Class<?>> rowTypes = new ArrayList<>();
		for (ViewDeclaration view : views) {
			try {
				ViewJsonConversions.forRowClasses(view.tables(), this.json);
			}
			catch (RuntimeException ex) {
				throw new ViewDefinitionException(view.type(), ex.getMessage());
			}
			rowTypes.addAll(view.tables());
		}
		JdbcCustomConversions conversions = JdbcConfiguration.createCustomConversions(dialect,
				ViewJsonConversions.forRowClasses(rowTypes, this.json));
		this.mappingContext = JdbcConfiguration.createMappingContext(RelationalManagedTypes.from(Set.copyOf(rowTypes).toArray(Class<?>[]::new)),
				conversions, this.namingStrategy.orElse(null));
		this.prepared = ViewSchema.prepare(this.dataSource, new SchemaGenerator(this.mappingContext, dialect), views);
	}

	Map<String, ViewSchema.Prepared> prepared() {
		return this.prepared;
	}

	JdbcMappingContext mappingContext() {
		return this.mappingContext;
	}
}
