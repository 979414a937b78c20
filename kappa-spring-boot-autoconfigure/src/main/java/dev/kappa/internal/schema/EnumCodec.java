package dev.kappa.internal.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Stores an enum constant by its name, as Spring Data JDBC does. */
final class EnumCodec implements ValueCodec {

	private final Class<? extends Enum<?>> type;

	private final String column;

	/**
	 * @param type the enum class
	 * @param column the table and column, for messages
	 */
	@SuppressWarnings("unchecked")
	EnumCodec(Class<?> type, String column) {
		this.type = (Class<? extends Enum<?>>) type;
		this.column = column;
	}

	@Override
	public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		statement.setString(index, ((Enum<?>) value).name());
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object read(ResultSet resultSet, int index) throws SQLException {
		String name = resultSet.getString(index);
		if (name == null) {
			return null;
		}
		try {
			return Enum.valueOf((Class) this.type, name);
		}
		catch (IllegalArgumentException ex) {
			throw new SchemaValidationException("Column " + this.column + " holds '" + name + "', which is not a "
					+ "constant of " + this.type.getName(), ex);
		}
	}
}
