package dev.kappa.internal.schema;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.kappa.view.Indexed;

import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.SimpleAssociationHandler;
import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.SqlIdentifier;

/**
 * Generates view tables from row classes. Table and column names come from the mapping context (in an
 * application, its {@code JdbcMappingContext} bean, so that naming strategy and quoting match what Spring
 * Data JDBC repositories use) and are rendered with the dialect's identifier processing. Internal: used by
 * the indexer and the auto-configuration, not part of the API.
 *
 * <p>
 * Column types per database:
 * <table>
 * <caption>Java type to SQL type</caption>
 * <tr><th>Java</th><th>H2</th><th>PostgreSQL</th></tr>
 * <tr><td>String, enum (by name), JSON</td><td>CHARACTER VARYING</td><td>TEXT</td></tr>
 * <tr><td>int, long, short</td><td>INTEGER, BIGINT, SMALLINT</td><td>the same</td></tr>
 * <tr><td>boolean, double, float</td><td>BOOLEAN, DOUBLE PRECISION, REAL</td><td>the same</td></tr>
 * <tr><td>BigDecimal</td><td>DECFLOAT</td><td>NUMERIC</td></tr>
 * <tr><td>Instant</td><td>TIMESTAMP(9) WITH TIME ZONE</td><td>TIMESTAMP WITH TIME ZONE</td></tr>
 * <tr><td>LocalDate, LocalDateTime</td><td>DATE, TIMESTAMP(9)</td><td>DATE, TIMESTAMP</td></tr>
 * <tr><td>UUID, byte[]</td><td>UUID, BINARY VARYING</td><td>UUID, BYTEA</td></tr>
 * </table>
 * Primitive properties and the {@code @Id} are NOT NULL. Records, other classes, {@code List}, {@code Set}
 * and {@code Map} are stored as JSON text (see {@link ViewJsonConversions} for reading them through
 * repositories). The {@code @Id} column comes first, then the other properties in the mapping context's
 * order; {@code @Indexed} properties get an index each (except the {@code @Id}, which its primary key
 * indexes already).
 *
 * <p>
 * Limits:
 * <ul>
 * <li>H2's DECFLOAT drops trailing zeros ({@code 1.50} reads back as {@code 1.5}); PostgreSQL keeps
 * microseconds of Instant and LocalDateTime, H2 nanoseconds; H2 takes years up to ±999,999,999.</li>
 * <li>Repositories read DATE and TIMESTAMP columns as {@code java.sql.Date} and {@code Timestamp}, which Spring
 * Data converts through the JVM's calendar and time zone: a LocalDate before 1582-10-15, a year outside 1 to
 * 9999, or a LocalDateTime in a daylight-saving gap of the JVM's zone does not read back unchanged there. The
 * row codec reads {@code java.time} values directly and has no such limit.</li>
 * <li>With unquoted identifiers ({@code forceQuote} off), names that are SQL keywords ({@code key},
 * {@code value}) fail, as they do in Spring Data's own statements.</li>
 * <li>The schema of {@code @Table(schema = ...)} must exist.</li>
 * </ul>
 */
public final class SchemaGenerator {

	/** PostgreSQL truncates longer identifiers; index names stay within it on every database. */
	private static final int MAX_INDEX_NAME = 63;

	private final RelationalMappingContext mappingContext;

	private final Database database;

	private final IdentifierProcessing identifiers;

	public SchemaGenerator(RelationalMappingContext mappingContext, Dialect dialect) {
		this.mappingContext = mappingContext;
		this.database = Database.of(dialect);
		this.identifiers = dialect.getIdentifierProcessing();
	}

	/**
	 * The tables of one view's row classes; fails if a class cannot be mapped or two of them share a table.
	 * Use {@link #checkDistinct(Map)} to check the tables of all views against each other.
	 */
	public List<TableDefinition> tables(String viewName, Collection<Class<?>> rowTypes) {
		List<TableDefinition> tables = rowTypes.stream().map(this::table).toList();
		checkDistinct(Map.of(viewName, tables));
		return tables;
	}

	/** The table of {@code rowType}; fails with a {@link SchemaValidationException} naming the problem. */
	public TableDefinition table(Class<?> rowType) {
		if (rowType.isInterface() || rowType.isArray() || rowType.isPrimitive() || rowType.isEnum()
				|| Modifier.isAbstract(rowType.getModifiers())) {
			throw new SchemaValidationException("Row class " + rowType.getName()
					+ " must be a record or a concrete class with an @Id property");
		}
		RelationalPersistentEntity<?> entity;
		try {
			entity = this.mappingContext.getRequiredPersistentEntity(rowType);
		}
		catch (MappingException | IllegalArgumentException ex) {
			throw new SchemaValidationException("Row class " + rowType.getName() + " cannot be mapped: "
					+ ex.getMessage(), ex);
		}
		RelationalPersistentProperty id = entity.getIdProperty();
		if (id == null) {
			throw new SchemaValidationException("Row class " + rowType.getName() + " has no @Id property; annotate "
					+ "the property that identifies a row with @org.springframework.data.annotation.Id");
		}
		entity.doWithAssociations((SimpleAssociationHandler) association -> {
			throw TypeRules.problem(rowType, (RelationalPersistentProperty) association.getInverse(),
					"is an association to another aggregate, which views do not support; store its id instead");
		});
		List<ColumnDefinition> columns = new ArrayList<>();
		columns.add(idColumn(rowType, id));
		for (RelationalPersistentProperty property : entity) {
			if (!property.isIdProperty()) {
				ColumnType type = TypeRules.columnType(rowType, property);
				columns.add(new ColumnDefinition(property, property.getColumnName().toSql(this.identifiers), type,
						type.sqlType(this.database), false));
			}
		}
		checkDistinctColumns(rowType, columns);
		List<IndexDefinition> indexes = new ArrayList<>();
		for (ColumnDefinition column : columns) {
			Indexed indexed = column.property().findAnnotation(Indexed.class);
			if (indexed != null && !column.isPrimaryKey()) {
				indexes.add(new IndexDefinition(indexName(entity.getTableName(), column, indexed.unique()), column,
						indexed.unique()));
			}
		}
		return new TableDefinition(entity, this.database, entity.getQualifiedTableName().toSql(this.identifiers),
				columns, indexes);
	}

	private ColumnDefinition idColumn(Class<?> rowType, RelationalPersistentProperty id) {
		ColumnType type = id.isEmbedded() ? null : ColumnType.fixed(id.getType());
		if (type == null) {
			throw TypeRules.problem(rowType, id, "is the @Id, but composite or embedded ids are not supported; "
					+ "use a single String, number, UUID or other simple value as the id");
		}
		if (type == ColumnType.BYTES) {
			throw TypeRules.problem(rowType, id, "is the @Id, but byte[] ids are not supported (arrays have no "
					+ "value equality); use a String or UUID");
		}
		return new ColumnDefinition(id, id.getColumnName().toSql(this.identifiers), type,
				type.sqlType(this.database), true);
	}

	private static void checkDistinctColumns(Class<?> rowType, List<ColumnDefinition> columns) {
		Map<String, ColumnDefinition> seen = new HashMap<>();
		for (ColumnDefinition column : columns) {
			ColumnDefinition other = seen.putIfAbsent(column.sqlName().toLowerCase(Locale.ROOT), column);
			if (other != null) {
				throw new SchemaValidationException("Row class " + rowType.getName() + ": properties '"
						+ other.property().getName() + "' and '" + column.property().getName()
						+ "' both map to the column " + column.sqlName() + "; rename one with @Column");
			}
		}
	}

	/**
	 * {@code <table>_<column>_idx} (or {@code _key} for unique indexes), reduced to letters, digits and
	 * underscores, and cut to 63 characters with a hash suffix when longer. Quoting and letter case follow
	 * the table name's.
	 */
	private String indexName(SqlIdentifier table, ColumnDefinition column, boolean unique) {
		String name = sanitize(table.getReference()) + "_" + sanitize(column.name().getReference())
				+ (unique ? "_key" : "_idx");
		if (name.length() > MAX_INDEX_NAME) {
			name = name.substring(0, MAX_INDEX_NAME - 9) + "_" + sha256(name).substring(0, 8);
		}
		String indexName = name;
		return table.transform(reference -> indexName).toSql(this.identifiers);
	}

	private static String sanitize(String name) {
		return name.replaceAll("[^A-Za-z0-9_]", "_");
	}

	/**
	 * Fails if two tables (of the same or different views) have the same name, or two indexes in the same
	 * schema the same index name. Names are compared ignoring case, since unquoted identifiers fold case.
	 *
	 * @param tablesByView every view's tables, by view name
	 */
	public static void checkDistinct(Map<String, ? extends Collection<TableDefinition>> tablesByView) {
		Map<String, String> tableOwners = new HashMap<>();
		Map<String, String> indexOwners = new HashMap<>();
		tablesByView.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(view -> {
			for (TableDefinition table : view.getValue()) {
				String owner = "view '" + view.getKey() + "' (row class " + table.rowType().getName() + ")";
				String other = tableOwners.putIfAbsent(table.sqlName().toLowerCase(Locale.ROOT), owner);
				if (other != null) {
					throw new SchemaValidationException("The table " + table.sqlName() + " is declared by both "
							+ other + " and " + owner + "; give one row class another @Table name, or list a "
							+ "row class only once");
				}
				for (IndexDefinition index : table.indexes()) {
					String key = (schema(table) + "." + index.sqlName()).toLowerCase(Locale.ROOT);
					String otherIndex = indexOwners.putIfAbsent(key, table.sqlName());
					if (otherIndex != null) {
						throw new SchemaValidationException("The index name " + index.sqlName() + " of table "
								+ table.sqlName() + " (" + owner + ") is also the name of an index of table "
								+ otherIndex + "; rename one of the tables or columns");
					}
				}
			}
		});
	}

	private static String schema(TableDefinition table) {
		List<SqlIdentifier> parts = table.name().toList();
		return parts.subList(0, parts.size() - 1).stream().map(SqlIdentifier::getReference)
			.collect(Collectors.joining("."));
	}

	/**
	 * A hex SHA-256 of the DDL of a view's tables: stable across runs and JVMs for the same classes, and
	 * different when a table or column name, column type, nullability or index changes. Independent of the
	 * order of the tables and of the non-key columns, which do not affect how rows are stored or found.
	 */
	public static String shapeHash(Collection<TableDefinition> tables) {
		StringBuilder ddl = new StringBuilder("kappa-schema 1\n");
		tables.stream().sorted(Comparator.comparing(TableDefinition::sqlName)).forEach(table -> {
			ddl.append(table.database()).append('\n');
			table.canonicalStatements().forEach(statement -> ddl.append(statement).append('\n'));
		});
		return sha256(ddl.toString());
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}
}
