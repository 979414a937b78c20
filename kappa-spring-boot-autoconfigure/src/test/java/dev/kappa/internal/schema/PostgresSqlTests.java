package dev.kappa.internal.schema;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.kappa.internal.schema.TestRows.BoxedRow;
import dev.kappa.internal.schema.TestRows.Color;
import dev.kappa.internal.schema.TestRows.JsonRow;
import dev.kappa.internal.schema.TestRows.KvRow;
import dev.kappa.internal.schema.TestRows.OrderLine;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL generated for PostgreSQL, and the JDBC calls that bind a row, checked without a server. */
class PostgresSqlTests {

	final SchemaGenerator generator = new SchemaGenerator(new JdbcMappingContext(), JdbcPostgresDialect.INSTANCE);

	@Table("tags")
	record IdOnly(@Id UUID id) {
	}

	@Test
	void everyTypeHasAPostgresColumnType() {
		assertThat(this.generator.table(BoxedRow.class).createStatements()).containsExactly("CREATE TABLE \"boxed\" ("
				+ "\"id\" TEXT NOT NULL, \"text\" TEXT, \"integer\" INTEGER, \"bigint\" BIGINT, \"smallint\" SMALLINT, "
				+ "\"flag\" BOOLEAN, \"dbl\" DOUBLE PRECISION, \"flt\" REAL, \"decimal\" NUMERIC, "
				+ "\"instant\" TIMESTAMP WITH TIME ZONE, \"date\" DATE, \"date_time\" TIMESTAMP, \"uuid\" UUID, "
				+ "\"bytes\" BYTEA, \"color\" TEXT, PRIMARY KEY (\"id\"))");
		assertThat(this.generator.table(JsonRow.class).createStatements()).containsExactly("CREATE TABLE \"json_rows\" ("
				+ "\"id\" UUID NOT NULL, \"address\" TEXT, \"tags\" TEXT, \"colors\" TEXT, \"counts\" TEXT, "
				+ "\"history\" TEXT, \"by_kind\" TEXT, \"matrix\" TEXT, PRIMARY KEY (\"id\"))");
	}

	@Test
	void namesAreLowerCaseAndIndexesNamedAfterTableAndColumn() {
		TableDefinition table = this.generator.table(OrderLine.class);
		assertThat(table.createStatements()).containsExactly(
				"CREATE TABLE \"order_line\" (\"line_id\" BIGINT NOT NULL, \"product_name\" TEXT, "
						+ "\"qty\" INTEGER NOT NULL, \"customer_id\" TEXT, \"external_ref\" UUID, "
						+ "PRIMARY KEY (\"line_id\"))",
				"CREATE INDEX \"order_line_customer_id_idx\" ON \"order_line\" (\"customer_id\")",
				"CREATE UNIQUE INDEX \"order_line_external_ref_key\" ON \"order_line\" (\"external_ref\")");
		assertThat(table.dropStatement()).isEqualTo("DROP TABLE IF EXISTS \"order_line\"");
	}

	@Test
	void upsertUsesOnConflict() {
		RowCodec<?> kv = RowCodec.of(this.generator.table(KvRow.class), ViewTestContext.JSON);
		assertThat(kv.upsertSql()).isEqualTo("INSERT INTO \"kv\" (\"key\", \"value\") VALUES (?, ?) "
				+ "ON CONFLICT (\"key\") DO UPDATE SET \"value\" = EXCLUDED.\"value\"");
		assertThat(kv.insertSql()).isEqualTo("INSERT INTO \"kv\" (\"key\", \"value\") VALUES (?, ?)");
		assertThat(kv.selectByIdSql()).isEqualTo("SELECT \"key\", \"value\" FROM \"kv\" WHERE \"key\" = ?");
		assertThat(kv.deleteByIdSql()).isEqualTo("DELETE FROM \"kv\" WHERE \"key\" = ?");
		RowCodec<?> line = RowCodec.of(this.generator.table(OrderLine.class), ViewTestContext.JSON);
		assertThat(line.upsertSql()).isEqualTo("INSERT INTO \"order_line\" (\"line_id\", \"product_name\", \"qty\", "
				+ "\"customer_id\", \"external_ref\") VALUES (?, ?, ?, ?, ?) ON CONFLICT (\"line_id\") DO UPDATE SET "
				+ "\"product_name\" = EXCLUDED.\"product_name\", \"qty\" = EXCLUDED.\"qty\", "
				+ "\"customer_id\" = EXCLUDED.\"customer_id\", \"external_ref\" = EXCLUDED.\"external_ref\"");
	}

	@Test
	void upsertOfAnIdOnlyTableDoesNothingOnConflict() {
		assertThat(RowCodec.of(this.generator.table(IdOnly.class), ViewTestContext.JSON).upsertSql())
			.isEqualTo("INSERT INTO \"tags\" (\"id\") VALUES (?) ON CONFLICT (\"id\") DO NOTHING");
	}

	@Test
	void rowsAreBoundWithTheirJdbcTypes() throws Exception {
		RowCodec<BoxedRow> codec = RowCodec.of(this.generator.table(BoxedRow.class), BoxedRow.class,
				ViewTestContext.JSON);
		Instant instant = Instant.parse("2024-05-06T07:08:09.123456789Z");
		UUID uuid = new UUID(1, 2);
		byte[] bytes = { 1, 2 };
		List<String> calls = new ArrayList<>();
		codec.bind(recording(calls), new BoxedRow("id", "text", 1, 2L, (short) 3, true, 4.5, 5.5f,
				new BigDecimal("6.70"), instant, LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 2, 3, 4), uuid,
				bytes, Color.GREEN));
		assertThat(calls).containsExactly("setString 1 id", "setString 2 text", "setInt 3 1", "setLong 4 2",
				"setShort 5 3", "setBoolean 6 true", "setDouble 7 4.5", "setFloat 8 5.5", "setBigDecimal 9 6.70",
				"setObject 10 " + OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), "setObject 11 2024-01-02",
				"setObject 12 2024-01-02T03:04", "setObject 13 " + uuid, "setBytes 14 " + bytes, "setString 15 GREEN");
		calls.clear();
		codec.bind(recording(calls), new BoxedRow("id", null, null, null, null, null, null, null, null, null, null,
				null, null, null, null));
		assertThat(calls).containsExactly("setString 1 id", "setNull 2 " + Types.VARCHAR, "setNull 3 " + Types.INTEGER,
				"setNull 4 " + Types.BIGINT, "setNull 5 " + Types.SMALLINT, "setNull 6 " + Types.BOOLEAN,
				"setNull 7 " + Types.DOUBLE, "setNull 8 " + Types.REAL, "setNull 9 " + Types.NUMERIC,
				"setNull 10 " + Types.TIMESTAMP_WITH_TIMEZONE, "setNull 11 " + Types.DATE,
				"setNull 12 " + Types.TIMESTAMP, "setNull 13 " + Types.OTHER, "setNull 14 " + Types.VARBINARY,
				"setNull 15 " + Types.VARCHAR);
	}

	/** A statement that records each parameter call as "method index value". */
	static PreparedStatement recording(List<String> calls) {
		return (PreparedStatement) Proxy.newProxyInstance(PostgresSqlTests.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
					calls.add(method.getName() + " " + args[0] + " " + args[1]);
					return null;
				});
	}
}
