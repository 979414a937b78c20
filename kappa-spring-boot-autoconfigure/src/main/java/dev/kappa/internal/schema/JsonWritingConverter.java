package dev.kappa.internal.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.kappa.core.KappaException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * Writes records and other classes of view JSON columns as JSON text, for query parameters of Spring Data
 * repositories. Registering it makes Spring Data treat these classes as simple values.
 */
@WritingConverter
final class JsonWritingConverter implements GenericConverter {

	private final Set<ConvertiblePair> pairs = new LinkedHashSet<>();

	private final JsonMapper jsonMapper;

	JsonWritingConverter(List<Class<?>> types, JsonMapper jsonMapper) {
		types.forEach(type -> this.pairs.add(new ConvertiblePair(type, String.class)));
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return this.pairs;
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		try {
			return this.jsonMapper.writeValueAsString(source);
		}
		catch (JacksonException ex) {
			throw new KappaException("Cannot write a " + source.getClass().getName() + " as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}
}
