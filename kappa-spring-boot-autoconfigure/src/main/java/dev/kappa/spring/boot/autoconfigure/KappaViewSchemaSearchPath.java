package dev.kappa.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Points the connections of a PostgreSQL Hikari pool named {@code dataSource} (Spring Boot's, or kappa's own
 * for {@code kappa.views.datasource}) at the node's view schema before the pool opens any:
 * {@code SET search_path TO <schema>, public}. View tables, the view catalog and the repositories' unqualified
 * SQL then resolve in the node's schema, and the application's own tables in {@code public} stay visible. A
 * pool that has a connection-init-sql of its own is left alone ({@code NodeSchema} then reports the mismatch).
 */
final class KappaViewSchemaSearchPath implements BeanPostProcessor {

	private final Environment environment;

	KappaViewSchemaSearchPath(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && "dataSource".equals(beanName) && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null
				&& !pool.isRunning()) {
			KappaProperties properties = Binder.get(this.environment)
				.bindOrCreate("kappa", KappaProperties.class);
			pool.setConnectionInitSql("SET search_path TO " + KappaViewSchemaName.resolve(properties) + ", public");
		}
		return bean;
	}
}
