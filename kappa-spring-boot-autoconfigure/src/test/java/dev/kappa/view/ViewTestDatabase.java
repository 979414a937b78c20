package dev.kappa.view;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.engine.KappaEngine;
import dev.kappa.log.LogOptions;
import dev.kappa.schema.SchemaGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database with views, assembled without Spring: logs under a directory, views in an H2 database. */
final class ViewTestDatabase implements AutoCloseable {

	final KappaEngine engine;

	final HikariDataSource dataSource;

	final ViewEngine views;

	ViewTestDatabase(Path dir, String jdbcUrl, Clock clock, int batchSize, Object... viewBeans) {
		this(dir, jdbcUrl, clock, batchSize, ViewRunner.DEFERRED_INDEX_BACKLOG, viewBeans);
	}

	/** With the backlog from which secondary indexes are built after it (ViewRunner.DEFERRED_INDEX_BACKLOG). */
	static ViewTestDatabase withIndexBacklog(Path dir, String jdbcUrl, int batchSize, long deferredIndexBacklog,
			Object... viewBeans) {
		return new ViewTestDatabase(dir, jdbcUrl, Clock.systemUTC(), batchSize, deferredIndexBacklog, viewBeans);
	}

	private ViewTestDatabase(Path dir, String jdbcUrl, Clock clock, int batchSize, long deferredIndexBacklog,
			Object[] viewBeans) {
		this.engine = KappaEngine.open(dir, LogOptions.defaults(), JsonMapper.builder().build(), clock);
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(jdbcUrl);
		List<ViewDeclaration> declarations = new ArrayList<>();
		Map<String, Object> beans = new HashMap<>();
		for (Object bean : viewBeans) {
			ViewDeclaration declaration = ViewDeclaration.of(bean.getClass());
			declarations.add(declaration);
			beans.put(declaration.name(), bean);
		}
		var prepared = ViewSchema.prepare(this.dataSource,
				new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE), declarations);
		this.views = new ViewEngine(this.engine, this.dataSource, prepared.values(),
				new ViewOptions(batchSize, ViewErrorPolicy.STOP), deferredIndexBacklog);
		this.views.start(beans);
	}

	static ViewTestDatabase inMemory(Path dir, Clock clock, Object... views) {
		return new ViewTestDatabase(dir, "jdbc:h2:mem:" + dir.getFileName() + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				clock, 7, views);
	}

	void ready() throws Exception {
		this.views.ready().get(60, java.util.concurrent.TimeUnit.SECONDS);
	}

	/** All rows of a table, sorted, as strings: for comparing databases. */
	List<String> rows(String sql) {
		return new JdbcTemplate(this.dataSource).queryForList(sql).stream().map(Object::toString).sorted().toList();
	}

	@Override
	public void close() {
		this.views.close();
		this.dataSource.close();
		this.engine.close();
	}
}
