package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.kappa.core.KappaException;
import dev.kappa.internal.schema.TableDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secondary (not unique) indexes of a view's tables. {@link ViewSchema} creates tables with their unique
 * indexes only; {@link ViewRunner} makes sure of these when it starts with a small backlog, or once it has
 * processed a large one (a new view over long logs, a rebuild): building an index over rows already written is
 * one sort, where keeping it up while writing them costs an index update per row. {@code CREATE INDEX IF NOT
 * EXISTS}, so a start after a crash in the middle builds what is missing and costs nothing otherwise.
 */
final class SecondaryIndexes {

	private static final Logger logger = LoggerFactory.getLogger(SecondaryIndexes.class);

	private SecondaryIndexes() {
	}

	/**
	 * Creates the indexes that do not exist yet.
	 * @throws KappaException naming the view if the database refuses one
	 */
	static void create(DataSource dataSource, String view, List<TableDefinition> tables) {
		long t0 = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			for (TableDefinition table : tables) {
				for (String ddl : table.secondaryIndexStatements()) {
					statement.execute(ddl);
				}
			}
		}
		catch (SQLException ex) {
			throw new KappaException("View '" + view + "' cannot create the indexes of its tables: " + ex.getMessage(), ex);
		}
		long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		if (ms >= 1000) {
			logger.info("View '{}': built the secondary indexes of its tables in {} ms", view, ms);
		}
	}
}
