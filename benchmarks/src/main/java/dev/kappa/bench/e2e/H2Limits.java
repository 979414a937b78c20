package dev.kappa.bench.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * H2's own limit for the unique-N insert path, the physical bound of the view's writes: rows of the unique-N
 * table ({@code id BIGINT PRIMARY KEY, title, done, owner} with one secondary index on {@code owner}) written by
 * plain JDBC into an H2 file with the starter's settings, in JDBC batches and transactions of 4,096 rows (as the
 * view engine writes new rows):
 * <ul>
 * <li>{@code M_h2_insert_indexed}: {@code INSERT}, the index maintained row by row</li>
 * <li>{@code M_h2_merge_indexed}: {@code MERGE ... KEY (id)}, the upsert the view engine sends (a lookup per row)</li>
 * <li>{@code M_h2_insert_then_index}: {@code INSERT} into the table without its index, then {@code CREATE INDEX}</li>
 * </ul>
 */
final class H2Limits {

	private static final int JDBC_BATCH = 4096;

	private static final int TRANSACTION = 4096;

	private H2Limits() {
	}

	static void run(Path dir, long rows) throws SQLException {
		measure(dir, rows, "M_h2_insert_indexed", "INSERT INTO todo (id, title, done, owner) VALUES (?, ?, ?, ?)", true);
		measure(dir, rows, "M_h2_merge_indexed",
				"MERGE INTO todo (id, title, done, owner) KEY (id) VALUES (?, ?, ?, ?)", true);
		measure(dir, rows, "M_h2_insert_then_index", "INSERT INTO todo (id, title, done, owner) VALUES (?, ?, ?, ?)",
				false);
	}

	private static void measure(Path dir, long rows, String metric, String sql, boolean indexFirst) throws SQLException {
		Path db = dir.resolve("h2-limit");
		Phases.delete(db);
		String url = "jdbc:h2:file:" + db.resolve("limit").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
		try (Connection connection = DriverManager.getConnection(url)) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TABLE todo (id BIGINT NOT NULL PRIMARY KEY, title CHARACTER VARYING, "
						+ "done BOOLEAN NOT NULL, owner CHARACTER VARYING)");
				if (indexFirst) {
					ddl.execute("CREATE INDEX todo_owner_idx ON todo (owner)");
				}
			}
			connection.setAutoCommit(false);
			long t0 = System.nanoTime();
			try (PreparedStatement ps = connection.prepareStatement(sql)) {
				for (long i = 0; i < rows; i++) {
					ps.setLong(1, i);
					ps.setString(2, "t" + i);
					ps.setBoolean(3, i % 2 == 0);
					ps.setString(4, "o" + (i % 100));
					ps.addBatch();
					if ((i + 1) % JDBC_BATCH == 0 || i + 1 == rows) {
						ps.executeBatch();
					}
					if ((i + 1) % TRANSACTION == 0) {
						connection.commit();
					}
				}
			}
			connection.commit();
			if (!indexFirst) {
				try (Statement ddl = connection.createStatement()) {
					ddl.execute("CREATE INDEX todo_owner_idx ON todo (owner)");
				}
				connection.commit();
			}
			Emit.limit(metric, rows, Phases.millisSince(t0), Map.of("transaction", TRANSACTION, "jdbc_batch", JDBC_BATCH));
		}
		finally {
			Phases.delete(db);
		}
	}
}
