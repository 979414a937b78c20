package dev.kappa.internal.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes a non-null property value to a statement parameter and reads it back from a result column. */
interface ValueCodec {

	void bind(PreparedStatement statement, int index, Object value) throws SQLException;

	/** The column's value, or {@code null} for SQL NULL. */
	Object read(ResultSet resultSet, int index) throws SQLException;
}
