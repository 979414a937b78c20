package dev.kappa.internal.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.model.SimpleTypeHolder;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;

/**
 * The converters that let Spring Data JDBC repositories read (and query by) the JSON columns of view
 * tables; the auto-configuration adds them to {@code JdbcCustomConversions}. Internal: not part of the API.
 *
 * <p>
 * For a record or other class stored as JSON ({@code Address}) there are a reading converter
 * ({@code String} to {@code Address}) and a writing one ({@code Address} to {@code String}); the writing
 * converter also makes Spring Data treat {@code Address} as a simple value rather than as an entity of its
 * own, everywhere in the application. For {@code List}, {@code Set} and {@code Map} columns there is only a
 * reading converter, and it applies only to the exact types of view columns: a writing converter for
 * {@code List} would change how every {@code List} of every aggregate is written (Spring Data JDBC maps
 * collections of simple values to SQL arrays) and how {@code findByXIn(List)} binds its parameter.
 *
 * <p>
 * Limits. Spring Data hands converters the property's type with only one level of type arguments
 * ({@code List<List<String>>} arrives as {@code List<List>}); a repository still reads such a column right,
 * because the converter looks up the full type of the view column with that outline. Two view columns whose
 * types have the same outline but differ deeper ({@code List<List<String>>} and {@code List<List<Long>>})
 * cannot be told apart and are rejected; wrap one in a record. Derived queries cannot compare JSON
 * collections; they compare records as JSON text.
 */
public final class ViewJsonConversions {

	private ViewJsonConversions() {
	}

	/**
	 * The converters for the JSON columns of these row classes (of all views). Needs no mapping context, so
	 * it can be called while {@code JdbcCustomConversions} is made, before the application's
	 * {@code JdbcMappingContext} (which depends on it) exists.
	 *
	 * @throws SchemaValidationException if a row class has an unsupported property, or two JSON columns
	 * cannot be told apart (see above)
	 */
	public static List<Object> forRowClasses(Collection<Class<?>> rowTypes, JsonMapper jsonMapper) {
		// Classifying a property needs only its type, so every class but the row classes counts as simple:
		// the context then never tries to map value types (JDK classes inside JSON values) as entities.
		Set<Class<?>> rows = Set.copyOf(rowTypes);
		RelationalMappingContext context = new RelationalMappingContext();
		context.setSimpleTypeHolder(new SimpleTypeHolder(Set.of(), true) {
			@Override
			public boolean isSimpleType(Class<?> type) {
				return !rows.contains(type);
			}
		});
		List<RelationalPersistentProperty> properties = new ArrayList<>();
		for (Class<?> rowType : rowTypes) {
			RelationalPersistentEntity<?> entity = context.getRequiredPersistentEntity(rowType);
			for (RelationalPersistentProperty property : entity) {
				if (!property.isIdProperty() && TypeRules.columnType(rowType, property) == ColumnType.JSON) {
					properties.add(property);
				}
			}
		}
		return converters(properties, jsonMapper);
	}

	/** The converters for the JSON columns of these tables (of all views). */
	public static List<Object> forTables(Collection<TableDefinition> tables, JsonMapper jsonMapper) {
		List<RelationalPersistentProperty> properties = tables.stream()
			.flatMap(table -> table.columns().stream())
			.filter(ColumnDefinition::isJson)
			.map(ColumnDefinition::property)
			.toList();
		return converters(properties, jsonMapper);
	}

	private static List<Object> converters(List<RelationalPersistentProperty> properties, JsonMapper jsonMapper) {
		Map<String, JsonCodec> readers = new LinkedHashMap<>();
		Map<String, JavaType> types = new LinkedHashMap<>();
		Map<String, String> owners = new LinkedHashMap<>();
		List<Class<?>> read = new ArrayList<>();
		List<Class<?>> written = new ArrayList<>();
		for (RelationalPersistentProperty property : properties) {
			TypeInformation<?> type = property.getTypeInformation();
			JavaType javaType = JsonCodec.javaType(jsonMapper.getTypeFactory(), type);
			String outline = outline(type);
			String owner = property.getOwner().getType().getName() + "." + property.getName();
			JavaType known = types.putIfAbsent(outline, javaType);
			if (known == null) {
				readers.put(outline, new JsonCodec(jsonMapper, type, "of " + owner));
				owners.put(outline, owner);
			}
			else if (!known.equals(javaType)) {
				throw new SchemaValidationException("Repositories cannot tell the JSON columns " + owners.get(outline)
						+ " (" + known.toCanonical() + ") and " + owner + " (" + javaType.toCanonical() + ") apart, "
						+ "since Spring Data passes converters only one level of type arguments; wrap one of them "
						+ "in a record");
			}
			if (!read.contains(type.getType())) {
				read.add(type.getType());
			}
			if (!TypeRules.isContainer(type.getType()) && !written.contains(type.getType())) {
				written.add(type.getType());
			}
		}
		List<Object> converters = new ArrayList<>();
		if (!readers.isEmpty()) {
			converters.add(new JsonReadingConverter(readers, read));
		}
		if (!written.isEmpty()) {
			converters.add(new JsonWritingConverter(written, jsonMapper));
		}
		return converters;
	}

	/** The raw type and the raw types of its type arguments, as Spring Data describes a conversion target. */
	static String outline(TypeInformation<?> type) {
		StringBuilder outline = new StringBuilder(type.getType().getName());
		List<TypeInformation<?>> arguments = type.getTypeArguments();
		if (!arguments.isEmpty()) {
			outline.append('<');
			arguments.forEach(argument -> outline.append(argument.getType().getName()).append(','));
			outline.setCharAt(outline.length() - 1, '>');
		}
		return outline.toString();
	}

	/** The same outline of a converter's target type. */
	static String outline(ResolvableType type) {
		StringBuilder outline = new StringBuilder(type.toClass().getName());
		ResolvableType[] generics = type.getGenerics();
		if (generics.length > 0) {
			outline.append('<');
			for (ResolvableType generic : generics) {
				outline.append(generic.toClass().getName()).append(',');
			}
			outline.setCharAt(outline.length() - 1, '>');
		}
		return outline.toString();
	}
}
