package dev.kappa.internal.schema;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import dev.kappa.core.KappaException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.TypeFactory;

import org.springframework.data.core.TypeInformation;

/**
 * Stores a value as JSON text, reading it back with the property's full generic type (so a
 * {@code List<Address>} reads back as a list of {@code Address}, not of maps).
 */
final class JsonCodec implements ValueCodec {

	private final ObjectReader reader;

	private final ObjectWriter writer;

	private final String column;

	/**
	 * @param mapper the application's JSON mapper
	 * @param type the property's type, with its type arguments resolved by Spring Data
	 * @param column the table and column, for messages
	 */
	JsonCodec(JsonMapper mapper, TypeInformation<?> type, String column) {
		JavaType javaType = javaType(mapper.getTypeFactory(), type);
		this.reader = mapper.readerFor(javaType);
		this.writer = mapper.writerFor(javaType);
		this.column = column;
	}

	/** Jackson's type for a Spring Data type, type arguments included at every level. */
	static JavaType javaType(TypeFactory types, TypeInformation<?> type) {
		List<TypeInformation<?>> arguments = type.getTypeArguments();
		if (arguments.isEmpty()) {
			return types.constructType(type.getType());
		}
		JavaType[] parameters = arguments.stream().map(argument -> javaType(types, argument)).toArray(JavaType[]::new);
		return types.constructParametricType(type.getType(), parameters);
	}

	String write(Object value) {
		try {
			return this.writer.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new KappaException("Cannot write a " + value.getClass().getName() + " as JSON into column "
					+ this.column + ": " + ex.getOriginalMessage(), ex);
		}
	}

	Object parse(String json) {
		try {
			return this.reader.readValue(json);
		}
		catch (JacksonException ex) {
			throw new KappaException("Cannot read the JSON of column " + this.column + ": " + ex.getOriginalMessage(),
					ex);
		}
	}

	@Override
	public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
		statement.setString(index, write(value));
	}

	@Override
	public Object read(ResultSet resultSet, int index) throws SQLException {
		String json = resultSet.getString(index);
		return json == null ? null : parse(json);
	}
}
