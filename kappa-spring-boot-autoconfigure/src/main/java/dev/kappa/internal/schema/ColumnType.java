package dev.kappa.internal.schema;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * How a property is stored: the SQL type per database, the JDBC type for NULLs, and (for the fixed types)
 * how values are bound and read. {@link #ENUM} and {@link #JSON} depend on the property's class, so their
 * codecs are made per column by {@link RowCodec}.
 */
enum ColumnType implements ValueCodec {

	STRING(Types.VARCHAR, "CHARACTER VARYING", "TEXT",
			(s, i, v) -> s.setString(i, (String) v), ResultSet::getString),

	INTEGER(Types.INTEGER, "INTEGER", "INTEGER",
			(s, i, v) -> s.setInt(i, (Integer) v), (r, i) -> orNull(r, r.getInt(i))),

	BIGINT(Types.BIGINT, "BIGINT", "BIGINT",
			(s, i, v) -> s.setLong(i, (Long) v), (r, i) -> orNull(r, r.getLong(i))),

	SMALLINT(Types.SMALLINT, "SMALLINT", "SMALLINT",
			(s, i, v) -> s.setShort(i, (Short) v), (r, i) -> orNull(r, r.getShort(i))),

	BOOLEAN(Types.BOOLEAN, "BOOLEAN", "BOOLEAN",
			(s, i, v) -> s.setBoolean(i, (Boolean) v), (r, i) -> orNull(r, r.getBoolean(i))),

	DOUBLE(Types.DOUBLE, "DOUBLE PRECISION", "DOUBLE PRECISION",
			(s, i, v) -> s.setDouble(i, (Double) v), (r, i) -> orNull(r, r.getDouble(i))),

	REAL(Types.REAL, "REAL", "REAL",
			(s, i, v) -> s.setFloat(i, (Float) v), (r, i) -> orNull(r, r.getFloat(i))),

	/** H2's NUMERIC defaults to scale 0, so H2 gets DECFLOAT, which keeps any scale (minus trailing zeros). */
	DECIMAL(Types.NUMERIC, "DECFLOAT", "NUMERIC",
			(s, i, v) -> s.setBigDecimal(i, (BigDecimal) v), ResultSet::getBigDecimal),

	/** Bound as an {@link OffsetDateTime} in UTC; H2 keeps nanoseconds, PostgreSQL microseconds. */
	INSTANT(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP(9) WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE",
			(s, i, v) -> s.setObject(i, OffsetDateTime.ofInstant((Instant) v, ZoneOffset.UTC)),
			(r, i) -> instant(r.getObject(i, OffsetDateTime.class))),

	DATE(Types.DATE, "DATE", "DATE", PreparedStatement::setObject, (r, i) -> r.getObject(i, LocalDate.class)),

	TIMESTAMP(Types.TIMESTAMP, "TIMESTAMP(9)", "TIMESTAMP",
			PreparedStatement::setObject, (r, i) -> r.getObject(i, LocalDateTime.class)),

	UUID(Types.OTHER, "UUID", "UUID", PreparedStatement::setObject, (r, i) -> r.getObject(i, java.util.UUID.class)),

	BYTES(Types.VARBINARY, "BINARY VARYING", "BYTEA",
			(s, i, v) -> s.setBytes(i, (byte[]) v), ResultSet::getBytes),

	/** Stored as the constant's name, as Spring Data JDBC does; the codec is made per enum class. */
	ENUM(Types.VARCHAR, "CHARACTER VARYING", "TEXT", null, null),

	/** Stored as JSON text; the codec is made per property type. */
	JSON(Types.VARCHAR, "CHARACTER VARYING", "TEXT", null, null);

	/** Binds a non-null value of the type. */
	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement, int index, Object value) throws SQLException;
	}

	/** Reads a column of the type, {@code null} for SQL NULL. */
	@FunctionalInterface
	private interface Reader {

		Object read(ResultSet resultSet, int index) throws SQLException;
	}

	private static final Map<Class<?>, ColumnType> FIXED = Map.ofEntries(Map.entry(String.class, STRING),
			Map.entry(int.class, INTEGER), Map.entry(Integer.class, INTEGER), Map.entry(long.class, BIGINT),
			Map.entry(Long.class, BIGINT), Map.entry(short.class, SMALLINT), Map.entry(Short.class, SMALLINT),
			Map.entry(boolean.class, BOOLEAN), Map.entry(Boolean.class, BOOLEAN), Map.entry(double.class, DOUBLE),
			Map.entry(Double.class, DOUBLE), Map.entry(float.class, REAL), Map.entry(Float.class, REAL),
			Map.entry(BigDecimal.class, DECIMAL), Map.entry(Instant.class, INSTANT),
			Map.entry(LocalDate.class, DATE), Map.entry(LocalDateTime.class, TIMESTAMP),
			Map.entry(java.util.UUID.class, UUID), Map.entry(byte[].class, BYTES));

	private final int jdbcType;

	private final String h2;

	private final String postgres;

	private final Binder binder;

	private final Reader reader;

	ColumnType(int jdbcType, String h2, String postgres, Binder binder, Reader reader) {
		this.jdbcType = jdbcType;
		this.h2 = h2;
		this.postgres = postgres;
		this.binder = binder;
		this.reader = reader;
	}

	/** A primitive column's value, or {@code null} if it was SQL NULL (read as 0 or false). */
	private static Object orNull(ResultSet resultSet, Object value) throws SQLException {
		return resultSet.wasNull() ? null : value;
	}

	private static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

	/** The type of a class with a column type of its own (not {@link #JSON}), or {@code null}. */
	static ColumnType fixed(Class<?> type) {
		return type.isEnum() ? ENUM : FIXED.get(type);
	}

	/** The {@link java.sql.Types} constant for binding a NULL. */
	int jdbcType() {
		return this.jdbcType;
	}

	String sqlType(Database database) {
		return database == Database.H2 ? this.h2 : this.postgres;
	}

	@Override
	public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		ownCodec(this.binder).bind(statement, index, value);
	}

	@Override
	public Object read(ResultSet resultSet, int index) throws SQLException {
		return ownCodec(this.reader).read(resultSet, index);
	}

	/** {@link #ENUM} and {@link #JSON} have no binder or reader: {@link RowCodec} makes one per column. */
	private <T> T ownCodec(T binderOrReader) {
		if (binderOrReader == null) {
			throw new IllegalStateException(name() + " columns need a codec of their own");
		}
		return binderOrReader;
	}
}
