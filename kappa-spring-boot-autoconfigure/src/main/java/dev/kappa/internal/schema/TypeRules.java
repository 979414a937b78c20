package dev.kappa.internal.schema;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.util.ReflectionUtils;

/**
 * Decides the {@link ColumnType} of a row property, or rejects it. This depends only on the property's
 * declared type and annotations, never on which types the mapping context happens to treat as simple, so
 * that {@link ViewJsonConversions} can classify properties before Spring Data's mapping context exists.
 */
final class TypeRules {

	private static final String SUPPORTED = "String, int, long, short, boolean, double, float (or their wrappers), "
			+ "BigDecimal, Instant, LocalDate, LocalDateTime, UUID, byte[], enums, and as JSON text records, "
			+ "other classes, List, Set and Map";

	private TypeRules() {
	}

	/** The column type of {@code property} of {@code rowType}; fails with a message naming both. */
	static ColumnType columnType(Class<?> rowType, RelationalPersistentProperty property) {
		if (property.isEmbedded()) {
			throw problem(rowType, property, "is @Embedded, which views do not support; remove @Embedded to store "
					+ "it as one JSON column");
		}
		if (property.isAnnotationPresent(MappedCollection.class)) {
			throw problem(rowType, property, "is a @MappedCollection: references to other tables (one-to-many) are "
					+ "not supported; store the rows in a table of their own with the parent's id as a column");
		}
		TypeInformation<?> type = property.getTypeInformation();
		ColumnType fixed = ColumnType.fixed(type.getType());
		if (fixed != null) {
			return fixed;
		}
		String reason = jsonProblem(type, true);
		if (reason != null) {
			throw problem(rowType, property, reason);
		}
		return ColumnType.JSON;
	}

	/** Why {@code type} cannot be stored as (or inside) a JSON column, or {@code null} if it can. */
	private static String jsonProblem(TypeInformation<?> type, boolean topLevel) {
		Class<?> raw = type.getType();
		if (isAggregate(raw)) {
			return topLevel ? "references the entity " + raw.getName() + " (it has an @Id or @Table): references "
					+ "to other tables are not supported; store its id instead"
					: "is a collection of the entity " + raw.getName() + " (it has an @Id or @Table): collections "
							+ "of entities (one-to-many references) are not supported; give the entity a table "
							+ "of its own with the parent's id as a column";
		}
		if (isContainer(raw)) {
			if (!raw.getName().startsWith("java.util.")) {
				return topLevel ? "has the collection type " + raw.getName() + ", which is not supported; declare it "
						+ "as List, Set or Map" : null;
			}
			if (type.getTypeArguments().isEmpty() || type.toResolvableType().hasUnresolvableGenerics()) {
				return "is a raw " + raw.getSimpleName() + "; declare its element types, for example List<String>";
			}
			for (TypeInformation<?> argument : type.getTypeArguments()) {
				String problem = jsonProblem(argument, false);
				if (problem != null) {
					return problem;
				}
			}
			return null;
		}
		if (!topLevel) {
			return null;
		}
		if (raw.isArray()) {
			return "is an array, which is not supported (only byte[] is); declare it as a List";
		}
		if (raw == Optional.class) {
			return "is an Optional, which Spring Data does not map; declare the value type and allow null";
		}
		if (raw.isPrimitive() || raw.getName().startsWith("java.") || raw.getName().startsWith("javax.")) {
			return "has the type " + raw.getName() + ", which is not supported; supported are " + SUPPORTED;
		}
		if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
			return "has the abstract type " + raw.getName() + ", which cannot be read back from JSON; declare a "
					+ "concrete class or record";
		}
		if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
			return "has the inner class " + raw.getName() + ", which cannot be created without an enclosing "
					+ "instance; make it static";
		}
		return null;
	}

	/** Whether {@code type} is a collection or map (stored as JSON, but read by a converter only). */
	static boolean isContainer(Class<?> type) {
		return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
	}

	/** Whether {@code type} is an aggregate root of its own: annotated {@code @Table} or with an {@code @Id}. */
	static boolean isAggregate(Class<?> type) {
		if (type.isAnnotationPresent(Table.class)) {
			return true;
		}
		if (type.isRecord()) {
			for (var component : type.getRecordComponents()) {
				if (component.isAnnotationPresent(Id.class)) {
					return true;
				}
			}
		}
		boolean[] found = { false };
		ReflectionUtils.doWithFields(type, field -> found[0] = true, field -> field.isAnnotationPresent(Id.class));
		return found[0];
	}

	static SchemaValidationException problem(Class<?> rowType, RelationalPersistentProperty property, String text) {
		return new SchemaValidationException("Row class " + rowType.getName() + ": property '" + property.getName()
				+ "' (" + property.getTypeInformation() + ") " + text);
	}
}
