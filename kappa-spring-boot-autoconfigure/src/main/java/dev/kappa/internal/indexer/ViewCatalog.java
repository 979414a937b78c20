package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.LogKey;

/**
 * The view metadata tables, in the view database next to the views' own tables:
 * <ul>
 * <li>{@code kappa_views}: each view's version, table shape hash, the statements that drop its tables, and
 * whether a rebuild is under way;</li>
 * <li>{@code kappa_view_checkpoints}: for each view and log, the seq of the next entry to process, written in
 * the same transaction as the rows it accounts for;</li>
 * <li>{@code kappa_view_errors}: entries skipped with {@code kappa.views.on-error=skip}.</li>
 * </ul>
 * Plain SQL that H2 and PostgreSQL both accept.
 */
final class ViewCatalog {

	static final String ACTIVE = "ACTIVE";

	static final String REBUILDING = "REBUILDING";

	private static final List<String> DDL = List.of("""
			CREATE TABLE IF NOT EXISTS kappa_views (
			  view_name VARCHAR(100) NOT NULL PRIMARY KEY,
			  view_version INTEGER NOT NULL,
			  shape_hash VARCHAR(64) NOT NULL,
			  drop_sql VARCHAR(100000) NOT NULL,
			  state VARCHAR(16) NOT NULL,
			  updated_at TIMESTAMP NOT NULL)""", """
			CREATE TABLE IF NOT EXISTS kappa_view_checkpoints (
			  view_name VARCHAR(100) NOT NULL,
			  log_key CHAR(64) NOT NULL,
			  next_seq BIGINT NOT NULL,
			  PRIMARY KEY (view_name, log_key))""", """
			CREATE TABLE IF NOT EXISTS kappa_view_errors (
			  view_name VARCHAR(100) NOT NULL,
			  log_key CHAR(64) NOT NULL,
			  seq BIGINT NOT NULL,
			  entry_type VARCHAR(255) NOT NULL,
			  error VARCHAR(4000) NOT NULL,
			  failed_at TIMESTAMP NOT NULL,
			  PRIMARY KEY (view_name, log_key, seq))""");

	/** A view as stored. */
	record Stored(String name, int version, String shape, String dropSql, String state) {
	}

	private ViewCatalog() {
	}

	static void createTables(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String ddl : DDL) {
				statement.execute(ddl);
			}
		}
	}

	static Stored find(Connection connection, String view) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT view_version, shape_hash, drop_sql, state FROM kappa_views WHERE view_name = ?")) {
			ps.setString(1, view);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? new Stored(view, rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)) : null;
			}
		}
	}

	static List<String> storedViewNames(Connection connection) throws SQLException {
		try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT view_name FROM kappa_views")) {
			List<String> names = new java.util.ArrayList<>();
			while (rs.next()) {
				names.add(rs.getString(1));
			}
			return names;
		}
	}

	static void save(Connection connection, String view, int version, String shape, String dropSql, String state)
			throws SQLException {
		upsert(connection, "UPDATE kappa_views SET view_version = ?, shape_hash = ?, drop_sql = ?, state = ?, updated_at = ?"
				+ " WHERE view_name = ?", "INSERT INTO kappa_views (view_version, shape_hash, drop_sql, state, updated_at,"
				+ " view_name) VALUES (?, ?, ?, ?, ?, ?)", version, shape, dropSql, state, Timestamp.from(Instant.now()), view);
	}

	/**
	 * Updates a row, or inserts it if the update finds none: plain SQL that H2 and PostgreSQL both accept (their
	 * MERGE and ON CONFLICT differ). The two statements take the same parameters in the same order.
	 */
	private static void upsert(Connection connection, String update, String insert, Object... parameters)
			throws SQLException {
		if (execute(connection, update, parameters) == 0) {
			execute(connection, insert, parameters);
		}
	}

	/** Runs one INSERT, UPDATE or DELETE with these parameters; returns how many rows it changed. */
	private static int execute(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				ps.setObject(i + 1, parameters[i]);
			}
			return ps.executeUpdate();
		}
	}

	static void delete(Connection connection, String view) throws SQLException {
		execute(connection, "DELETE FROM kappa_views WHERE view_name = ?", view);
	}

	/** Forgets a view's checkpoints and recorded errors (before a rebuild). */
	static void reset(Connection connection, String view) throws SQLException {
		for (String table : List.of("kappa_view_checkpoints", "kappa_view_errors")) {
			execute(connection, "DELETE FROM " + table + " WHERE view_name = ?", view);
		}
	}

	static Map<LogKey, Long> checkpoints(Connection connection, String view) throws SQLException {
		Map<LogKey, Long> out = new HashMap<>();
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT log_key, next_seq FROM kappa_view_checkpoints WHERE view_name = ?")) {
			ps.setString(1, view);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.put(LogKey.parse(rs.getString(1).trim()), rs.getLong(2));
				}
			}
		}
		return out;
	}

	/** Records that {@code view} has processed {@code log} up to (excluding) {@code nextSeq}, in the caller's transaction. */
	static void saveCheckpoints(Connection connection, String view, Map<LogKey, Long> nextSeqs) throws SQLException {
		for (Map.Entry<LogKey, Long> e : nextSeqs.entrySet()) {
			upsert(connection, "UPDATE kappa_view_checkpoints SET next_seq = ? WHERE view_name = ? AND log_key = ?",
					"INSERT INTO kappa_view_checkpoints (next_seq, view_name, log_key) VALUES (?, ?, ?)", e.getValue(),
					view, e.getKey().toString());
		}
	}

	static void recordError(Connection connection, String view, LogKey log, long seq, String type, String error)
			throws SQLException {
		execute(connection, "INSERT INTO kappa_view_errors (view_name, log_key, seq, entry_type, error, failed_at)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", view, log.toString(), seq, type.length() > 255 ? type.substring(0, 255) : type,
				error.length() > 4000 ? error.substring(0, 4000) : error, Timestamp.from(Instant.now()));
	}

	/** The entries {@code view} skipped, in log order (by log key, then seq). */
	static List<DeadLetter> errors(Connection connection, String view) throws SQLException {
		List<DeadLetter> out = new java.util.ArrayList<>();
		try (PreparedStatement ps = connection.prepareStatement("SELECT log_key, seq, entry_type, error, failed_at"
				+ " FROM kappa_view_errors WHERE view_name = ? ORDER BY log_key, seq")) {
			ps.setString(1, view);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(new DeadLetter(view, LogKey.parse(rs.getString(1).trim()), rs.getLong(2), rs.getString(3),
							rs.getString(4), rs.getTimestamp(5).toInstant()));
				}
			}
		}
		return out;
	}

	/** Forgets one skipped entry (it was handled after all), in the caller's transaction. */
	static void deleteError(Connection connection, String view, LogKey log, long seq) throws SQLException {
		execute(connection, "DELETE FROM kappa_view_errors WHERE view_name = ? AND log_key = ? AND seq = ?", view,
				log.toString(), seq);
	}
}
