package dev.kappa.internal.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.sql.SqlIdentifier;

/**
 * The table generated from one row class: its name and columns as the mapping context maps them, its SQL
 * types for one database, and its indexes. Internal: built by {@link SchemaGenerator} for the indexer,
 * not part of the API.
 */
public final class TableDefinition {

	private final Class<?> rowType;

	private final RelationalPersistentEntity<?> entity;

	private final Database database;

	private final SqlIdentifier name;

	private final String sqlName;

	private final List<ColumnDefinition> columns;

	private final List<IndexDefinition> indexes;

	TableDefinition(RelationalPersistentEntity<?> entity, Database database, String sqlName,
			List<ColumnDefinition> columns, List<IndexDefinition> indexes) {
		this.rowType = entity.getType();
		this.entity = entity;
		this.database = database;
		this.name = entity.getQualifiedTableName();
		this.sqlName = sqlName;
		this.columns = List.copyOf(columns);
		this.indexes = List.copyOf(indexes);
	}

	/** The row class. */
	public Class<?> rowType() {
		return this.rowType;
	}

	/** The row class's persistent entity in the mapping context the table was generated from. */
	public RelationalPersistentEntity<?> entity() {
		return this.entity;
	}

	/** The table name (schema-qualified if {@code @Table(schema = ...)} says so). */
	public SqlIdentifier name() {
		return this.name;
	}

	/** The table name as it appears in SQL. */
	public String sqlName() {
		return this.sqlName;
	}

	/** The columns in the order of {@code CREATE TABLE} and of every statement of the row codec: id first. */
	List<ColumnDefinition> columns() {
		return this.columns;
	}

	/** The primary-key column, from the {@code @Id} property. */
	ColumnDefinition idColumn() {
		return this.columns.get(0);
	}

	List<IndexDefinition> indexes() {
		return this.indexes;
	}

	/** Whether an index of the table enforces uniqueness. */
	public boolean hasUniqueIndex() {
		return this.indexes.stream().anyMatch(IndexDefinition::unique);
	}

	Database database() {
		return this.database;
	}

	/** {@code CREATE TABLE} followed by a {@code CREATE INDEX} per index, to run in this order. */
	public List<String> createStatements() {
		return statements(this.columns, index -> true);
	}

	/**
	 * {@code CREATE TABLE} and its unique indexes: what must exist before rows are written (a unique index is a
	 * constraint). The other indexes come from {@link #secondaryIndexStatements()}, which may run later.
	 */
	public List<String> createTableStatements() {
		return statements(this.columns, IndexDefinition::unique);
	}

	/**
	 * A {@code CREATE INDEX IF NOT EXISTS} per index that is not unique: it only speeds up reads, so it may be
	 * built after the rows are written (one sort instead of an index update per row) and run again harmlessly.
	 */
	public List<String> secondaryIndexStatements() {
		return this.indexes.stream()
			.filter(index -> !index.unique())
			.sorted(Comparator.comparing(IndexDefinition::sqlName))
			.map(index -> index.createIfAbsentStatement(this.sqlName))
			.toList();
	}

	/** Drops the table with its indexes; does nothing if there is no such table. */
	public String dropStatement() {
		return "DROP TABLE IF EXISTS " + this.sqlName;
	}

	/**
	 * The create statements with the non-key columns in a canonical order (by SQL name), so that the shape
	 * hash does not depend on the order in which reflection lists a class's fields.
	 */
	List<String> canonicalStatements() {
		List<ColumnDefinition> canonical = new ArrayList<>(this.columns.subList(1, this.columns.size()));
		canonical.sort(Comparator.comparing(ColumnDefinition::sqlName));
		canonical.add(0, idColumn());
		return statements(canonical, index -> true);
	}

	private List<String> statements(List<ColumnDefinition> order, java.util.function.Predicate<IndexDefinition> indexes) {
		List<String> statements = new ArrayList<>();
		statements.add("CREATE TABLE " + this.sqlName + " ("
				+ order.stream().map(ColumnDefinition::definition).collect(Collectors.joining(", "))
				+ ", PRIMARY KEY (" + idColumn().sqlName() + "))");
		this.indexes.stream()
			.filter(indexes)
			.sorted(Comparator.comparing(IndexDefinition::sqlName))
			.forEach(index -> statements.add(index.createStatement(this.sqlName)));
		return statements;
	}

	@Override
	public String toString() {
		return this.rowType.getName() + " -> " + this.sqlName;
	}
}
