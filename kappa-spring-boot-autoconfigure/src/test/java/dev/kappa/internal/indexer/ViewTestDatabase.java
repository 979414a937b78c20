package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.KappaMonitor;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.engine.Monitors;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.testing.TestDatabase;
import dev.kappa.view.ViewErrorPolicy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database with views, assembled without Spring: logs under a directory, views in H2 or PostgreSQL. */
final class ViewTestDatabase implements AutoCloseable {

	final KappaEngine engine;

	final HikariDataSource dataSource;

	final ViewEngine views;

	final TestDatabase database;

	ViewTestDatabase(Path dir, String jdbcUrl, Clock clock, int batchSize, Object... viewBeans) {
		this(dir, jdbcUrl, clock, batchSize, ViewRunner.DEFERRED_INDEX_BACKLOG, Monitors.none(), viewBeans);
	}

	/** Reporting what the engine and its views do to {@code monitor}. */
	static ViewTestDatabase withMonitor(Path dir, String jdbcUrl, int batchSize, KappaMonitor monitor,
			Object... viewBeans) {
		return new ViewTestDatabase(dir, jdbcUrl, Clock.systemUTC(), batchSize, ViewRunner.DEFERRED_INDEX_BACKLOG,
				monitor, viewBeans);
	}

	/** With the backlog from which secondary indexes are built after it (ViewRunner.DEFERRED_INDEX_BACKLOG). */
	static ViewTestDatabase withIndexBacklog(Path dir, String jdbcUrl, int batchSize, long deferredIndexBacklog,
			Object... viewBeans) {
		return new ViewTestDatabase(dir, jdbcUrl, Clock.systemUTC(), batchSize, deferredIndexBacklog, Monitors.none(),
				viewBeans);
	}

	private ViewTestDatabase(Path dir, String jdbcUrl, Clock clock, int batchSize, long deferredIndexBacklog,
			KappaMonitor monitor, Object[] viewBeans) {
		this.engine = KappaEngine.open(dir, LogOptions.defaults(), JsonMapper.builder().build(), clock, monitor);
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(jdbcUrl);
		this.database = TestDatabase.of(jdbcUrl);
		List<ViewDeclaration> declarations = new ArrayList<>();
		Map<String, Object> beans = new HashMap<>();
		for (Object bean : viewBeans) {
			ViewDeclaration declaration = ViewDeclaration.of(bean.getClass());
			declarations.add(declaration);
			beans.put(declaration.name(), bean);
		}
		var prepared = ViewSchema.prepare(this.dataSource,
				new SchemaGenerator(new JdbcMappingContext(),
						DialectResolver.getDialect(new JdbcTemplate(this.dataSource))), declarations);
		this.views = new ViewEngine(this.engine, this.dataSource, prepared.values(),
				new ViewOptions(batchSize, ViewErrorPolicy.STOP), deferredIndexBacklog);
		this.views.start(beans);
	}

	/** A fresh database of {@code database}, indexing in batches of 7 entries. */
	static ViewTestDatabase fresh(TestDatabase database, Path dir, Clock clock, Object... views) {
		return new ViewTestDatabase(dir, database.newUrl(), clock, 7, views);
	}

	void ready() throws Exception {
		this.views.ready().get(60, java.util.concurrent.TimeUnit.SECONDS);
	}

	/** All rows of a query (written with H2's column names), sorted, as strings with upper-case labels. */
	List<String> rows(String sql) {
		return rows(this.database, this.dataSource, sql);
	}

	/** {@link #rows(String)} of the database at {@code jdbcUrl}. */
	static List<String> rows(String jdbcUrl, String sql) {
		try (HikariDataSource dataSource = new HikariDataSource()) {
			dataSource.setJdbcUrl(jdbcUrl);
			return rows(TestDatabase.of(jdbcUrl), dataSource, sql);
		}
	}

	private static List<String> rows(TestDatabase database, javax.sql.DataSource dataSource, String sql) {
		return new JdbcTemplate(dataSource).queryForList(database.sql(sql))
			.stream()
			.map(row -> TestDatabase.row(row).toString())
			.sorted()
			.toList();
	}

	@Override
	public void close() {
		this.views.close();
		this.dataSource.close();
		this.engine.close();
	}
}
