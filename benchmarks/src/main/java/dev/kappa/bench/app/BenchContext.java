package dev.kappa.bench.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.Kappa;
import dev.kappa.core.LogReader;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link BenchApp} context over a storage dir, opened as an application opens it: Spring Boot, the starter's
 * auto-configuration and its default view database, without a web server.
 */
public final class BenchContext implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private BenchContext(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the context.
	 * @param view the view bean ({@link BenchApp#VIEW}), or {@code none}
	 * @param viewName the view's name, probed for its state when the views start (empty: none)
	 * @param extra further properties (e.g. {@code kappa.log.fsync}, {@code kappa.views.datasource})
	 */
	public static BenchContext open(Path dir, String view, String viewName, Map<String, ?> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("kappa.storage-dir", dir.toAbsolutePath().toString());
		properties.put(BenchApp.VIEW, view);
		properties.put("bench.view-name", viewName);
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "warn");
		properties.putAll(extra);
		return new BenchContext(new SpringApplicationBuilder(BenchApp.class).web(WebApplicationType.NONE)
			.properties(properties).run());
	}

	/** A context with {@code workload}'s view (at version 2 when {@code version} is 2). */
	public static BenchContext withView(Path dir, Workload workload, int version, Map<String, ?> extra) {
		String bean = (workload == Workload.KV ? "kv" : "unique") + (version == 1 ? "" : "-v" + version);
		if (version != 1 && version != 2) {
			throw new IllegalArgumentException("--version must be 1 or 2, got " + version);
		}
		return open(dir, bean, workload.view(), extra);
	}

	public Kappa kappa() {
		return this.context.getBean(Kappa.class);
	}

	public ViewsClock clock() {
		return this.context.getBean(ViewsClock.class);
	}

	public JdbcTemplate jdbc() {
		return new JdbcTemplate(this.context.getBean(DataSource.class));
	}

	public String property(String name) {
		return this.context.getEnvironment().getProperty(name);
	}

	/** Entries in all logs. */
	public long length() {
		return kappa().logs().stream().mapToLong(LogReader::length).sum();
	}

	/**
	 * Fails unless the views live where the starter's default puts them: the H2 file
	 * {@code <storage-dir>/views/views.mv.db}, behind the starter's Hikari pool.
	 */
	public void checkViewsInStorageDir(Path dir) {
		Path expected = dir.resolve("views").resolve("views").toAbsolutePath().normalize();
		DataSource dataSource = this.context.getBean(DataSource.class);
		String url = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : dataSource.toString();
		String path = jdbc().queryForObject("CALL DATABASE_PATH()", String.class);
		if (!(dataSource instanceof HikariDataSource) || path == null
				|| !Path.of(path).toAbsolutePath().normalize().equals(expected)
				|| !Files.isRegularFile(Path.of(expected + ".mv.db"))) {
			throw new IllegalStateException("The views are not in " + expected + ".mv.db: the view DataSource is "
					+ dataSource.getClass().getName() + " at " + url + ", H2's DATABASE_PATH() is " + path);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}
}
