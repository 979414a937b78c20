package dev.kappa.internal.schema;

/**
 * A secondary index on one column, from {@link dev.kappa.view.Indexed @Indexed}. Built by
 * {@link SchemaGenerator}.
 *
 * @param sqlName the index name as it appears in SQL
 * @param column the indexed column
 * @param unique whether the index enforces uniqueness
 */
record IndexDefinition(String sqlName, ColumnDefinition column, boolean unique) {

	/** The {@code CREATE [UNIQUE] INDEX} statement for the index on {@code table}. */
	String createStatement(String table) {
		return "CREATE " + (this.unique ? "UNIQUE " : "") + "INDEX " + this.sqlName + " ON " + table + " ("
				+ this.column.sqlName() + ")";
	}

	/** {@code CREATE [UNIQUE] INDEX IF NOT EXISTS}: the same index, nothing if it exists (H2 and PostgreSQL). */
	String createIfAbsentStatement(String table) {
		return "CREATE " + (this.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + this.sqlName + " ON " + table
				+ " (" + this.column.sqlName() + ")";
	}
}
