package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The view database when the application has none of its own: an embedded H2 file database under
 * {@code kappa.storage-dir}, or the database at {@code kappa.views.datasource}. Backs off when the application
 * defines a DataSource, sets {@code spring.datasource.url}, or gets {@link JdbcConnectionDetails} (Docker Compose,
 * {@code @ServiceConnection}); views then use the application's database.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({ DataSource.class, HikariDataSource.class })
@ConditionalOnMissingBean({ DataSource.class, JdbcConnectionDetails.class })
@Conditional(KappaDataSourceAutoConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(KappaProperties.class)
@Import(StorageDirectory.Configuration.class)
public final class KappaDataSourceAutoConfiguration {

	/** H2 settings for the view database: MVStore, no close on JVM exit (the context closes it). */
	static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE";

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(KappaProperties properties, ObjectProvider<StorageDirectory> storage) {
		String url = properties.getViews().getDatasource();
		if (url == null || url.isBlank()) {
			url = defaultUrl(storage.getObject().path());
		}
		HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class).url(url).build();
		dataSource.setPoolName("kappa-views");
		return dataSource;
	}

	/** The embedded H2 file database under the storage directory: {@code <storage-dir>/views/views.mv.db}. */
	static String defaultUrl(Path storageDir) {
		return "jdbc:h2:file:" + storageDir.resolve("views").resolve("views").toAbsolutePath() + H2_OPTIONS;
	}

	/** Opens the embedded view database on a thread of its own while the context starts ({@link EarlyViewDatabase}). */
	@Bean
	static EarlyViewDatabase.PostProcessor kappaEarlyViewDatabasePostProcessor() {
		return new EarlyViewDatabase.PostProcessor();
	}

	/** Matches when {@code spring.datasource.url} is not set (then the application's database is its own). */
	static final class NoDataSourceUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return (url == null || url.isBlank()) ? ConditionOutcome.match("spring.datasource.url is not set")
					: ConditionOutcome.noMatch("spring.datasource.url is set");
		}
	}
}
