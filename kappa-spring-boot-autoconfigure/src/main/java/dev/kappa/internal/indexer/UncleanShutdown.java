package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an H2 view database was closed cleanly the last time. H2's MVStore writes its maps to the file one by
 * one, so a process killed while views index can keep one table of a committed transaction and not another
 * (h2database issue #2080): a view's rows and its checkpoint may then disagree. A marker row, forced to the file
 * before indexing starts and removed at a clean close, tells such a start, and its views are rebuilt from the
 * logs. Other databases (PostgreSQL) commit atomically and get no marker.
 */
final class UncleanShutdown {

	static final String TABLE = "kappa_view_open";

	private static final Logger logger = LoggerFactory.getLogger(UncleanShutdown.class);

	private UncleanShutdown() {
	}

	/**
	 * Marks the database open, durably, before any view indexes.
	 * @return whether the previous user of this H2 database did not close it cleanly
	 */
	static boolean begin(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!isH2(connection)) {
				return false;
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT PRIMARY KEY)");
				boolean unclean;
				try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
					rows.next();
					unclean = rows.getLong(1) > 0;
				}
				statement.execute("MERGE INTO " + TABLE + " KEY (id) VALUES (1)");
				statement.execute("CHECKPOINT");
				return unclean;
			}
		}
		catch (SQLException ex) {
			throw new dev.kappa.core.KappaException("Cannot mark the view database open: " + ex.getMessage(), ex);
		}
	}

	/** Marks a clean close, once no view writes any more: everything is forced to the file first. */
	static void end(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!isH2(connection)) {
				return;
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("CHECKPOINT");
				statement.execute("DELETE FROM " + TABLE);
				statement.execute("CHECKPOINT");
			}
		}
		catch (SQLException | RuntimeException ex) {
			logger.warn("Could not mark the view database closed cleanly ({}); its views are rebuilt at the next start",
					ex.getMessage());
		}
	}

	private static boolean isH2(Connection connection) throws SQLException {
		return "H2".equals(connection.getMetaData().getDatabaseProductName());
	}
}
