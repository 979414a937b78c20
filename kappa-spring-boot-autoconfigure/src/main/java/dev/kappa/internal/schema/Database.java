package dev.kappa.internal.schema;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.data.relational.core.dialect.Dialect;
import org.springframework.data.relational.core.dialect.H2Dialect;
import org.springframework.data.relational.core.dialect.PostgresDialect;

/**
 * The databases the schema package generates SQL for, told apart by their Spring Data dialect. Identifiers
 * are rendered by the caller; this only knows the statements whose shape differs between databases.
 */
enum Database {

	H2, POSTGRESQL;

	static Database of(Dialect dialect) {
		if (dialect instanceof H2Dialect) {
			return H2;
		}
		if (dialect instanceof PostgresDialect) {
			return POSTGRESQL;
		}
		throw new SchemaValidationException("Views need an H2 or PostgreSQL database, but the Spring Data dialect is "
				+ dialect.getClass().getName());
	}

	/**
	 * Inserts a row or replaces the one with the same key: H2's {@code MERGE ... KEY}, PostgreSQL's
	 * {@code INSERT ... ON CONFLICT}. The parameters are the columns in order.
	 */
	String upsert(String table, List<String> columns, String key) {
		String columnList = String.join(", ", columns);
		String values = placeholders(columns.size());
		if (this == H2) {
			return "MERGE INTO " + table + " (" + columnList + ") KEY (" + key + ") VALUES (" + values + ")";
		}
		String insert = "INSERT INTO " + table + " (" + columnList + ") VALUES (" + values + ") ON CONFLICT (" + key + ")";
		List<String> updated = columns.stream().filter(column -> !column.equals(key)).toList();
		if (updated.isEmpty()) {
			return insert + " DO NOTHING";
		}
		return insert + " DO UPDATE SET "
				+ updated.stream().map(column -> column + " = EXCLUDED." + column).collect(Collectors.joining(", "));
	}

	static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}
}
