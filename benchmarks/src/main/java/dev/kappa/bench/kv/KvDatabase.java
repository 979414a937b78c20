package dev.kappa.bench.kv;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.LogReader;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.internal.indexer.ViewDeclaration;
import dev.kappa.internal.indexer.ViewEngine;
import dev.kappa.internal.indexer.ViewOptions;
import dev.kappa.internal.indexer.ViewSchema;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database with the kv view, assembled as the starter assembles it but without Spring: logs under
 * {@code dir}, the view tables in the H2 file {@code dir/views/views} behind a Hikari pool, the default view
 * options (the starter's default batch size, stop on error).
 */
public final class KvDatabase implements AutoCloseable {

	/** The starter's H2 options ({@code KappaDataSourceAutoConfiguration.H2_OPTIONS}). */
	static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE";

	private final KappaEngine engine;

	private final HikariDataSource dataSource;

	private final ViewEngine views;

	private final boolean rebuilding;

	private final KvView view = new KvView();

	private KvDatabase(KappaEngine engine, HikariDataSource dataSource, ViewEngine views, boolean rebuilding) {
		this.engine = engine;
		this.dataSource = dataSource;
		this.views = views;
		this.rebuilding = rebuilding;
	}

	/** Opens the logs of a database without its views. */
	public static KappaEngine openLogs(Path dir, LogOptions options) {
		return KappaEngine.open(dir, options, JsonMapper.builder().build(), Clock.systemUTC());
	}

	/**
	 * Opens the logs and the view database and prepares the kv view's tables at {@code viewVersion} (a version
	 * other than the stored one drops the tables and rebuilds from all logs); indexing begins at {@link #start()}.
	 */
	public static KvDatabase prepare(Path dir, LogOptions options, int viewVersion) {
		KappaEngine engine = openLogs(dir, options);
		HikariDataSource dataSource = new HikariDataSource();
		try {
			dataSource.setJdbcUrl("jdbc:h2:file:" + dir.resolve("views").resolve("views").toAbsolutePath() + H2_OPTIONS);
			dataSource.setPoolName("kappa-views");
			ViewDeclaration declared = ViewDeclaration.of(KvView.class);
			ViewDeclaration kv = new ViewDeclaration(declared.name(), viewVersion, declared.tables(), declared.type(),
					declared.handlers());
			var prepared = ViewSchema.prepare(dataSource,
					new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE), List.of(kv));
			ViewEngine views = new ViewEngine(engine, dataSource, prepared.values(), ViewOptions.defaults());
			return new KvDatabase(engine, dataSource, views,
					prepared.values().stream().anyMatch(ViewSchema.Prepared::rebuilding));
		}
		catch (RuntimeException ex) {
			dataSource.close();
			engine.close();
			throw ex;
		}
	}

	public KappaEngine engine() {
		return this.engine;
	}

	/** Whether opening found the view at another version (or shape) and dropped its tables for a rebuild. */
	public boolean rebuilding() {
		return this.rebuilding;
	}

	/** Entries in all logs. */
	public long length() {
		return this.engine.logs().stream().mapToLong(LogReader::length).sum();
	}

	/** Starts indexing. */
	public KvDatabase start() {
		this.views.start(Map.of("kv", this.view));
		return this;
	}

	/** Waits until the view has processed every entry present now. */
	public void awaitReady(long timeout, TimeUnit unit) throws Exception {
		this.views.ready().get(timeout, unit);
	}

	/**
	 * Checks the view against entries {@code [0, n)} of the workload.
	 * @throws IllegalStateException if the kv table does not hold what they imply
	 */
	public void check(long n) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		long rows = jdbc.queryForObject("select count(*) from \"kv\"", Long.class);
		if (rows != Math.min(n, Put.KEYS)) {
			throw new IllegalStateException("The kv view has " + rows + " rows after " + n + " entries");
		}
		String k1 = jdbc.queryForObject("select \"VALUE\" from \"kv\" where \"KEY\" = 'k1'", String.class);
		if (n >= 2 && !KvWorkload.expectedK1(n).equals(k1)) {
			throw new IllegalStateException("The kv view holds k1 = " + k1 + " after " + n + " entries, expected "
					+ KvWorkload.expectedK1(n));
		}
	}

	@Override
	public void close() {
		this.views.close();
		this.dataSource.close();
		this.engine.close();
	}
}
