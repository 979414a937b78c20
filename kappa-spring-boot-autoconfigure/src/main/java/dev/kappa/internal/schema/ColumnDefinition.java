package dev.kappa.internal.schema;

import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.sql.SqlIdentifier;

/**
 * One column of a view table: the property it stores, its name as Spring Data maps it, and its SQL type.
 * Built by {@link SchemaGenerator}.
 */
final class ColumnDefinition {

	private final RelationalPersistentProperty property;

	private final SqlIdentifier name;

	private final String sqlName;

	private final ColumnType type;

	private final String sqlType;

	private final boolean nullable;

	private final boolean primaryKey;

	ColumnDefinition(RelationalPersistentProperty property, String sqlName, ColumnType type, String sqlType,
			boolean primaryKey) {
		this.property = property;
		this.name = property.getColumnName();
		this.sqlName = sqlName;
		this.type = type;
		this.sqlType = sqlType;
		this.primaryKey = primaryKey;
		this.nullable = !primaryKey && !property.getType().isPrimitive();
	}

	/** The row property this column stores. */
	RelationalPersistentProperty property() {
		return this.property;
	}

	/** The column name as the mapping context derives it. */
	SqlIdentifier name() {
		return this.name;
	}

	/** The column name as it appears in SQL, quoted as the dialect and mapping context require. */
	String sqlName() {
		return this.sqlName;
	}

	/** The column's SQL type, for example {@code BIGINT} or {@code TIMESTAMP(9) WITH TIME ZONE}. */
	String sqlType() {
		return this.sqlType;
	}

	/** Whether the column is stored as JSON text. */
	boolean isJson() {
		return this.type == ColumnType.JSON;
	}

	boolean isNullable() {
		return this.nullable;
	}

	boolean isPrimaryKey() {
		return this.primaryKey;
	}

	ColumnType type() {
		return this.type;
	}

	/** The column's clause in {@code CREATE TABLE}. */
	String definition() {
		return this.sqlName + " " + this.sqlType + (this.nullable ? "" : " NOT NULL");
	}

	@Override
	public String toString() {
		return definition();
	}
}
