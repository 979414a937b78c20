package dev.kappa.internal.schema;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;
import org.springframework.data.convert.ReadingConverter;

/**
 * Reads the JSON text of view columns into their property types, for Spring Data repositories. Matches only
 * the exact (outlined) types of view columns, so other {@code String} to {@code List} conversions of the
 * application keep their behaviour.
 */
@ReadingConverter
final class JsonReadingConverter implements ConditionalGenericConverter {

	private final Map<String, JsonCodec> readers;

	private final Set<ConvertiblePair> pairs = new LinkedHashSet<>();

	/**
	 * @param readers the codec of each view column type, by {@link ViewJsonConversions#outline outline}
	 * @param types the raw classes of the view column types
	 */
	JsonReadingConverter(Map<String, JsonCodec> readers, List<Class<?>> types) {
		this.readers = Map.copyOf(readers);
		types.forEach(type -> this.pairs.add(new ConvertiblePair(String.class, type)));
	}

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return this.pairs;
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return this.readers.containsKey(ViewJsonConversions.outline(targetType.getResolvableType()));
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		return this.readers.get(ViewJsonConversions.outline(targetType.getResolvableType())).parse((String) source);
	}
}
