package dev.kappa.internal.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.testing.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.DefaultNamingStrategy;
import org.springframework.data.relational.core.mapping.NamingStrategy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A Spring Data JDBC application on an H2 file database or a PostgreSQL one, as the auto-configuration will set it up: the
 * repositories of {@link TestRows}, and the JSON converters of {@link ViewJsonConversions} in its
 * {@code JdbcCustomConversions}. Gives tests the application's mapping context, dialect and a generator.
 */
final class ViewTestContext implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final AnnotationConfigApplicationContext context;

	private final HikariDataSource dataSource;

	final TestDatabase database;

	final JdbcTemplate jdbc;

	final SchemaGenerator generator;

	ViewTestContext(Path directory) {
		this(directory, TestDatabase.H2);
	}

	ViewTestContext(Path directory, TestDatabase database) {
		this(directory, database, Config.class);
	}

	ViewTestContext(Path directory, Class<?> config) {
		this(directory, TestDatabase.H2, config);
	}

	/**
	 * @param database an H2 file under {@code directory}, or a fresh PostgreSQL database
	 * @param config {@link Config} or {@link PlainIdentifiersConfig}
	 */
	ViewTestContext(Path directory, TestDatabase database, Class<?> config) {
		this.database = database;
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(database == TestDatabase.H2 ? "jdbc:h2:file:" + directory.resolve("views").toAbsolutePath()
				: database.newUrl());
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(DataSource.class, () -> this.dataSource);
		this.context.register(config);
		this.context.refresh();
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.generator = new SchemaGenerator(mappingContext(), dialect());
	}

	JdbcMappingContext mappingContext() {
		return this.context.getBean(JdbcMappingContext.class);
	}

	JdbcDialect dialect() {
		return this.context.getBean(JdbcDialect.class);
	}

	<R> R repository(Class<R> type) {
		return this.context.getBean(type);
	}

	/** Generates and creates the table of {@code rowType}. */
	TableDefinition create(Class<?> rowType) {
		TableDefinition table = this.generator.table(rowType);
		table.createStatements().forEach(this.jdbc::execute);
		return table;
	}

	/** Upserts {@code rows} through the codec in one JDBC batch and transaction. */
	void upsert(RowCodec<?> codec, Collection<?> rows) {
		inTransaction(connection -> {
			try (PreparedStatement statement = connection.prepareStatement(codec.upsertSql())) {
				for (Object row : rows) {
					codec.bind(statement, row);
					statement.addBatch();
				}
				statement.executeBatch();
			}
			return null;
		});
	}

	/** The row with {@code id}, read through the codec. */
	<T> Optional<T> find(RowCodec<T> codec, Object id) {
		return inTransaction(connection -> {
			try (PreparedStatement statement = connection.prepareStatement(codec.selectByIdSql())) {
				codec.bindId(statement, 1, id);
				try (ResultSet resultSet = statement.executeQuery()) {
					return resultSet.next() ? Optional.of(codec.read(resultSet)) : Optional.empty();
				}
			}
		});
	}

	interface SqlWork<R> {

		R run(Connection connection) throws SQLException;
	}

	<R> R inTransaction(SqlWork<R> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				R result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.database == TestDatabase.H2) {
			this.jdbc.execute("SHUTDOWN");
		}
		this.context.close();
		this.dataSource.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableJdbcRepositories(basePackageClasses = TestRows.class, considerNestedRepositories = true)
	static class Config extends AbstractJdbcConfiguration {

		@Bean
		NamedParameterJdbcOperations namedParameterJdbcOperations(DataSource dataSource) {
			return new NamedParameterJdbcTemplate(dataSource);
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Override
		protected Collection<String> getMappingBasePackages() {
			return List.of();
		}

		@Override
		protected List<?> userConverters() {
			return ViewJsonConversions.forRowClasses(TestRows.ALL, JSON);
		}
	}

	/** Unquoted identifiers and a naming strategy that prefixes table names with {@code v_}. */
	@Configuration(proxyBeanMethods = false)
	static class PlainIdentifiersConfig extends Config {

		@Bean
		NamingStrategy namingStrategy() {
			return new DefaultNamingStrategy() {
				@Override
				public String getTableName(Class<?> type) {
					return "v_" + super.getTableName(type);
				}
			};
		}

		@Bean
		@Override
		public JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
				JdbcCustomConversions customConversions, RelationalManagedTypes jdbcManagedTypes) {
			JdbcMappingContext context = super.jdbcMappingContext(namingStrategy, customConversions, jdbcManagedTypes);
			context.setForceQuote(false);
			return context;
		}
	}
}
