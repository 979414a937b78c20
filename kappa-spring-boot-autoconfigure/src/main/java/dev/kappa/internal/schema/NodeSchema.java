package dev.kappa.internal.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * The schema that holds one node's view tables and checkpoints, claimed by that node for as long as it lives.
 * <p>
 * On PostgreSQL, several nodes may share a database; each must index into a schema of its own, or they would
 * overwrite each other's checkpoints. {@link #claim} creates the schema if needed, checks that the DataSource's
 * connections resolve unqualified names in it ({@code current_schema()}), and takes a session-level advisory
 * lock keyed by the schema's OID on a connection it keeps (borrowed) until {@link #close()}. PostgreSQL frees that
 * lock when the session ends, so a node that dies (even by SIGKILL, or with its host) frees its schema without anyone cleaning up; a
 * second live node claiming the same schema fails. On H2 the claim does nothing: an H2 file belongs to one process.
 */
public final class NodeSchema implements AutoCloseable {

	/** Lower-case letters, digits and underscores, starting with a letter: needs no quoting anywhere. */
	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	/** The advisory lock's first key: "kappa" views, so other users of advisory locks do not collide. */
	private static final int LOCK_CLASS = 0x6b617070;

	/** The advisory lock's second key: the schema's OID, unique in the database (no hash collisions). */
	private static final String OID = "(SELECT oid::int FROM pg_namespace WHERE nspname = ?)";

	private final String name;

	private final Connection lockHolder;

	private NodeSchema(String name, Connection lockHolder) {
		this.name = name;
		this.lockHolder = lockHolder;
	}

	/** Why {@code name} cannot be a schema name, or {@code null} if it can. */
	public static String problem(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			return "a view schema name is 1 to 63 lower-case letters, digits or underscores, starting with a letter";
		}
		return null;
	}

	/**
	 * Claims the schema {@code name} names for this node until {@link #close()}; on H2 does nothing (and never
	 * asks for the name).
	 * @throws SchemaClaimException when another live node holds it, or the connections do not use it
	 */
	public static NodeSchema claim(DataSource dataSource, Supplier<String> name) {
		Connection connection = null;
		String schema = null;
		try {
			connection = dataSource.getConnection();
			if (!isPostgres(connection)) {
				connection.close();
				return new NodeSchema(null, null);
			}
			schema = name.get();
			String problem = problem(schema);
			if (problem != null) {
				throw new SchemaClaimException(problem + ", not '" + schema + "'");
			}
			connection.setAutoCommit(true);
			lock(connection, schema);
			return new NodeSchema(schema, connection);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection);
			if (ex instanceof SchemaClaimException claim) {
				throw claim;
			}
			if (schema == null) {
				throw (ex instanceof RuntimeException runtime) ? runtime : new SchemaClaimException(
						"Cannot reach the view database to claim the node's view schema: " + ex.getMessage(), ex);
			}
			throw new SchemaClaimException("Cannot claim the view schema '" + schema + "': " + ex.getMessage(), ex);
		}
	}

	private static boolean isPostgres(Connection connection) throws SQLException {
		return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
	}

	private static void lock(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA IF NOT EXISTS " + name);
		}
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT pg_try_advisory_lock(" + LOCK_CLASS + ", " + OID + "), current_schema()")) {
			ps.setString(1, name);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				if (!rs.getBoolean(1)) {
					throw new SchemaClaimException("Another live node already indexes its views into the schema '" + name
							+ "' of this database (it holds the schema's advisory lock). Each node needs a schema of its own: "
							+ "give this node another one, or stop the other node first");
				}
				String current = rs.getString(2);
				if (!name.equals(current)) {
					unlock(connection, name);
					throw new SchemaClaimException("The view DataSource's connections resolve unqualified names in schema '"
							+ current + "', not in the node's view schema '" + name + "': set their search_path to '" + name
							+ "' (done automatically for a Hikari pool that has no connection-init-sql of its own)");
				}
			}
		}
	}

	/** Session-level advisory locks outlive a pooled connection's return to its pool: unlock explicitly. */
	private static void unlock(Connection connection, String name) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", " + OID + ")")) {
			ps.setString(1, name);
			ps.executeQuery().close();
		}
	}

	/** The schema's name, or {@code null} on H2. */
	public String name() {
		return this.name;
	}

	/** Frees the schema for another node (ending the lock's connection). */
	@Override
	public void close() {
		if (this.lockHolder == null) {
			return;
		}
		try {
			unlock(this.lockHolder, this.name);
		}
		catch (SQLException ex) {
			// a broken session has lost its lock already
		}
		closeQuietly(this.lockHolder);
	}

	private static void closeQuietly(Connection connection) {
		if (connection == null) {
			return;
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// the lock goes with the session either way
		}
	}

	/** The schema cannot be claimed; the message says why and what to do. */
	public static final class SchemaClaimException extends SchemaValidationException {

		SchemaClaimException(String message) {
			super(message);
		}

		SchemaClaimException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
