package dev.kappa.schema;

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
import java.util.UUID;

/**
 * How a property is stored: the SQL type per database, the JDBC type for NULLs, and (for the fixed types)
 * how values are bound and read. {@link #ENUM} and {@link #JSON} depend on the property's class, so their
 * codecs are made per column by {@link RowCodec}.
 */
enum ColumnType implements ValueCodec {

	STRING(Types.VARCHAR, "CHARACTER VARYING", "TEXT") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setString(index, (String) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getString(index);
		}
	},

	INTEGER(Types.INTEGER, "INTEGER", "INTEGER") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setInt(index, (Integer) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			int value = resultSet.getInt(index);
			return value == 0 && resultSet.wasNull() ? null : value;
		}
	},

	BIGINT(Types.BIGINT, "BIGINT", "BIGINT") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setLong(index, (Long) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			long value = resultSet.getLong(index);
			return value == 0 && resultSet.wasNull() ? null : value;
		}
	},

	SMALLINT(Types.SMALLINT, "SMALLINT", "SMALLINT") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setShort(index, (Short) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			short value = resultSet.getShort(index);
			return value == 0 && resultSet.wasNull() ? null : value;
		}
	},

	BOOLEAN(Types.BOOLEAN, "BOOLEAN", "BOOLEAN") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setBoolean(index, (Boolean) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			boolean value = resultSet.getBoolean(index);
			return !value && resultSet.wasNull() ? null : value;
		}
	},

	DOUBLE(Types.DOUBLE, "DOUBLE PRECISION", "DOUBLE PRECISION") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setDouble(index, (Double) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			double value = resultSet.getDouble(index);
			return value == 0 && resultSet.wasNull() ? null : value;
		}
	},

	REAL(Types.REAL, "REAL", "REAL") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setFloat(index, (Float) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			float value = resultSet.getFloat(index);
			return value == 0 && resultSet.wasNull() ? null : value;
		}
	},

	/** H2's NUMERIC defaults to scale 0, so H2 gets DECFLOAT, which keeps any scale (minus trailing zeros). */
	DECIMAL(Types.NUMERIC, "DECFLOAT", "NUMERIC") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setBigDecimal(index, (BigDecimal) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getBigDecimal(index);
		}
	},

	/** Bound as an {@link OffsetDateTime} in UTC; H2 keeps nanoseconds, PostgreSQL microseconds. */
	INSTANT(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP(9) WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			OffsetDateTime value = resultSet.getObject(index, OffsetDateTime.class);
			return value == null ? null : value.toInstant();
		}
	},

	DATE(Types.DATE, "DATE", "DATE") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setObject(index, value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getObject(index, LocalDate.class);
		}
	},

	TIMESTAMP(Types.TIMESTAMP, "TIMESTAMP(9)", "TIMESTAMP") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setObject(index, value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getObject(index, LocalDateTime.class);
		}
	},

	UUID(Types.OTHER, "UUID", "UUID") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setObject(index, value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getObject(index, java.util.UUID.class);
		}
	},

	BYTES(Types.VARBINARY, "BINARY VARYING", "BYTEA") {
		@Override
		public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
			statement.setBytes(index, (byte[]) value);
		}

		@Override
		public Object read(ResultSet resultSet, int index) throws SQLException {
			return resultSet.getBytes(index);
		}
	},

	/** Stored as the constant's name, as Spring Data JDBC does; the codec is made per enum class. */
	ENUM(Types.VARCHAR, "CHARACTER VARYING", "TEXT"),

	/** Stored as JSON text; the codec is made per property type. */
	JSON(Types.VARCHAR, "CHARACTER VARYING", "TEXT");

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

	ColumnType(int jdbcType, String h2, String postgres) {
		this.jdbcType = jdbcType;
		this.h2 = h2;
		this.postgres = postgres;
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
		throw new IllegalStateException(name() + " columns need a codec of their own");
	}

	@Override
	public Object read(ResultSet resultSet, int index) throws SQLException {
		throw new IllegalStateException(name() + " columns need a codec of their own");
	}
}
