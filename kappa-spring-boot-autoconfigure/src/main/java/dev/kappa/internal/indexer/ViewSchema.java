package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import dev.kappa.core.KappaException;
import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.internal.schema.TableDefinition;
import dev.kappa.view.ViewDefinitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the view tables exist before anything reads them. For each view: a new view gets its tables; a view
 * whose version or table shape differs from what is stored has its tables dropped and regenerated and its
 * checkpoints cleared, so it is rebuilt by replaying every log; other views are left alone.
 * <p>
 * A rebuild is marked in {@code kappa_views} before anything is dropped, so a crash in the middle redoes it at
 * the next start.
 * <p>
 * Internal: run by the auto-configuration's schema initializer.
 */
public final class ViewSchema {

	private static final Logger logger = LoggerFactory.getLogger(ViewSchema.class);

	/**
	 * A view's tables as generated, and why it must be rebuilt from all logs ({@code null} if it need not be,
	 * e.g. {@code "version 1 -> 2"}).
	 */
	public record Prepared(ViewDeclaration view, List<TableDefinition> tables, String rebuildReason) {

		/** Whether the view is rebuilt from all logs. */
		public boolean rebuilding() {
			return this.rebuildReason != null;
		}
	}

	private ViewSchema() {
	}

	/**
	 * Creates the metadata tables and each view's tables, rebuilding views that changed.
	 * @throws ViewDefinitionException if two views share a name or a table
	 * @throws KappaException if the database refuses a statement (e.g. a view's table exists but is not the view's)
	 */
	public static Map<String, Prepared> prepare(DataSource dataSource, SchemaGenerator generator,
			Collection<ViewDeclaration> views) {
		ViewDeclaration.checkDistinctNames(views);
		Map<String, List<TableDefinition>> tablesByView = new LinkedHashMap<>();
		for (ViewDeclaration view : views) {
			try {
				tablesByView.put(view.name(), generator.tables(view.name(), view.tables()));
			}
			catch (RuntimeException ex) {
				throw new ViewDefinitionException(view.type(), ex.getMessage());
			}
		}
		SchemaGenerator.checkDistinct(tablesByView);
		Map<String, Prepared> prepared = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			ViewCatalog.createTables(connection);
			for (ViewDeclaration view : views) {
				List<TableDefinition> tables = tablesByView.get(view.name());
				String rebuildReason = prepare(connection, view, tables);
				prepared.put(view.name(), new Prepared(view, tables, rebuildReason));
			}
			List<String> stored = ViewCatalog.storedViewNames(connection);
			stored.removeAll(prepared.keySet());
			if (!stored.isEmpty()) {
				logger.info("Views {} are stored in the view database but no longer declared; their tables are kept", stored);
			}
		}
		catch (SQLException ex) {
			throw new KappaException("Cannot prepare the view tables: " + ex.getMessage(), ex);
		}
		return prepared;
	}

	/** Creates or checks a view's tables; returns why it is rebuilt, or {@code null} if it is not. */
	private static String prepare(Connection connection, ViewDeclaration view, List<TableDefinition> tables)
			throws SQLException {
		String shape = SchemaGenerator.shapeHash(tables);
		String dropSql = String.join(";\n", tables.stream().map(TableDefinition::dropStatement).toList());
		ViewCatalog.Stored stored = ViewCatalog.find(connection, view.name());
		if (stored == null) {
			// Marked first so that a crash after creating some tables redoes the creation at the next start;
			// unmarked again if a table cannot be created, so that nothing that is not ours is ever dropped.
			ViewCatalog.save(connection, view.name(), view.version(), shape, dropSql, ViewCatalog.REBUILDING);
			try {
				dropAndCreate(connection, view, List.of(), tables);
			}
			catch (RuntimeException ex) {
				ViewCatalog.delete(connection, view.name());
				throw ex;
			}
			ViewCatalog.save(connection, view.name(), view.version(), shape, dropSql, ViewCatalog.ACTIVE);
			logger.debug("View '{}' (version {}): created tables {}", view.name(), view.version(), names(tables));
			return null;
		}
		boolean interrupted = ViewCatalog.REBUILDING.equals(stored.state());
		if (!interrupted && stored.version() == view.version() && stored.shape().equals(shape)) {
			return null;
		}
		String reason = interrupted ? "a rebuild was interrupted"
				: stored.version() != view.version() ? "version " + stored.version() + " -> " + view.version()
						: "table shape changed";
		logger.debug("View '{}': {}; dropping its tables", view.name(), reason);
		rebuild(connection, view, tables, stored.dropSql());
		return reason;
	}

	/** Drops and recreates a view's tables and forgets its checkpoints, marked so that a crash redoes it. */
	private static void rebuild(Connection connection, ViewDeclaration view, List<TableDefinition> tables,
			String storedDropSql) throws SQLException {
		String shape = SchemaGenerator.shapeHash(tables);
		String dropSql = String.join(";\n", tables.stream().map(TableDefinition::dropStatement).toList());
		Set<String> drops = new LinkedHashSet<>(Arrays.asList(storedDropSql.split(";\n")));
		drops.addAll(tables.stream().map(TableDefinition::dropStatement).toList());
		drops.remove("");
		// Mark first: if we crash from here on, the next start redoes the whole rebuild.
		ViewCatalog.save(connection, view.name(), view.version(), shape, String.join(";\n", drops), ViewCatalog.REBUILDING);
		ViewCatalog.reset(connection, view.name());
		dropAndCreate(connection, view, new ArrayList<>(drops), tables);
		ViewCatalog.save(connection, view.name(), view.version(), shape, dropSql, ViewCatalog.ACTIVE);
	}

	/**
	 * Rebuilds a view whose checkpoints are ahead of the logs (a log lost entries the view had already
	 * processed, as a power loss can with {@code kappa.log.fsync=never} or {@code interval}): its rows may hold
	 * effects of entries that no longer exist, so it starts over from the logs as they are.
	 */
	static void rebuildAhead(DataSource dataSource, Prepared prepared, String reason) {
		logger.warn("View '{}' is ahead of the logs ({}); dropping its tables and rebuilding it from all logs",
				prepared.view().name(), reason);
		rebuildNow(dataSource, prepared);
	}

	/** Rebuilds a view after a kill of the process that last used its H2 database ({@link UncleanShutdown}). */
	static void rebuildAfterUncleanShutdown(DataSource dataSource, Prepared prepared) {
		logger.warn("View '{}' is rebuilt from all logs: the H2 view database was not closed cleanly (the process was "
				+ "killed), and H2 may then have kept only part of a transaction", prepared.view().name());
		rebuildNow(dataSource, prepared);
	}

	/** Drops and recreates a view's tables and forgets its checkpoints and dead letters (a rebuild on request). */
	static void rebuildNow(DataSource dataSource, Prepared prepared) {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			ViewCatalog.Stored stored = ViewCatalog.find(connection, prepared.view().name());
			rebuild(connection, prepared.view(), prepared.tables(), stored == null ? "" : stored.dropSql());
		}
		catch (SQLException ex) {
			throw new KappaException("Cannot rebuild view '" + prepared.view().name() + "': " + ex.getMessage(), ex);
		}
	}

	private static void dropAndCreate(Connection connection, ViewDeclaration view, List<String> drops,
			List<TableDefinition> tables) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String drop : drops) {
				statement.execute(drop);
			}
			for (TableDefinition table : tables) {
				// secondary indexes: ViewRunner, before or after the backlog (TableDefinition#secondaryIndexStatements)
				for (String ddl : table.createTableStatements()) {
					try {
						statement.execute(ddl);
					}
					catch (SQLException ex) {
						throw new KappaException("View '" + view.name() + "' cannot create its table " + table.sqlName()
								+ " (does a table of that name exist that is not this view's?): " + ex.getMessage(), ex);
					}
				}
			}
		}
	}

	private static List<String> names(List<TableDefinition> tables) {
		return tables.stream().map(TableDefinition::sqlName).toList();
	}
}
