package dev.kappa.spring.boot.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link KappaViewSchemaInitializer} initializes the database, so every bean that
 * uses it through JDBC (repositories, {@code JdbcTemplate}, {@code JdbcClient}) is created after the view
 * tables exist. Registered in {@code META-INF/spring.factories}.
 */
class KappaViewSchemaInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(KappaViewSchemaInitializer.class);
	}
}
