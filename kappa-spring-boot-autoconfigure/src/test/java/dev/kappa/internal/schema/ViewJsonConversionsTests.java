package dev.kappa.internal.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kappa.internal.schema.TestRows.Address;
import dev.kappa.internal.schema.TestRows.JsonRow;
import dev.kappa.internal.schema.TestRows.KvRow;
import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.core.convert.converter.GenericConverter.ConvertiblePair;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The converters that let repositories read JSON columns, and what they leave alone. */
class ViewJsonConversionsTests {

	record Strings(@Id String id, List<List<String>> matrix) {
	}

	record Longs(@Id String id, List<List<Long>> matrix) {
	}

	record SameStrings(@Id String id, List<List<String>> grid, Address address) {
	}

	final List<Object> converters = ViewJsonConversions.forRowClasses(List.of(KvRow.class, JsonRow.class),
			ViewTestContext.JSON);

	@Test
	void recordsAreReadAndWrittenCollectionsOnlyRead() {
		assertThat(pairs(JsonReadingConverter.class)).containsExactlyInAnyOrder(pair(String.class, Address.class),
				pair(String.class, List.class), pair(String.class, Set.class), pair(String.class, Map.class));
		assertThat(pairs(JsonWritingConverter.class)).containsExactly(pair(Address.class, String.class));
		JdbcCustomConversions conversions = new JdbcCustomConversions(this.converters);
		assertThat(conversions.isSimpleType(Address.class)).isTrue();
		assertThat(conversions.hasCustomWriteTarget(List.class)).isFalse();
	}

	@Test
	void forTablesGivesTheSameConverters() {
		SchemaGenerator generator = new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE);
		List<Object> fromTables = ViewJsonConversions.forTables(generator.tables("v", List.of(KvRow.class,
				JsonRow.class)), ViewTestContext.JSON);
		assertThat(fromTables).hasSameSizeAs(this.converters);
		for (int i = 0; i < fromTables.size(); i++) {
			assertThat(((GenericConverter) fromTables.get(i)).getConvertibleTypes())
				.isEqualTo(((GenericConverter) this.converters.get(i)).getConvertibleTypes());
		}
	}

	@Test
	void readsOnlyTheTypesOfViewColumns() {
		DefaultConversionService service = new DefaultConversionService();
		this.converters.forEach(converter -> service.addConverter((GenericConverter) converter));
		TypeDescriptor string = TypeDescriptor.valueOf(String.class);
		// A view column type: read as JSON, with nested type arguments the converter was not told about.
		TypeDescriptor addresses = descriptor(List.class, Address.class);
		assertThat(service.convert("[{\"street\":\"s\",\"city\":\"c\",\"notes\":[\"n\"]}]", string, addresses))
			.isEqualTo(List.of(new Address("s", "c", List.of("n"))));
		// Not a view column type: Spring's usual comma-separated reading is left alone.
		assertThat(service.convert("1,2", string, descriptor(List.class, Integer.class))).isEqualTo(List.of(1, 2));
	}

	@Test
	void columnsThatRepositoriesCannotTellApartAreRejected() {
		assertThatThrownBy(() -> ViewJsonConversions.forRowClasses(List.of(Strings.class, Longs.class),
				ViewTestContext.JSON))
			.isInstanceOf(SchemaValidationException.class)
			.hasMessageContaining(Strings.class.getName() + ".matrix")
			.hasMessageContaining(Longs.class.getName() + ".matrix")
			.hasMessageContaining("wrap one of them in a record");
		assertThat(ViewJsonConversions.forRowClasses(List.of(Strings.class, SameStrings.class), ViewTestContext.JSON))
			.hasSize(2);
	}

	@Test
	void rowClassesWithoutJsonColumnsNeedNoConverters() {
		assertThat(ViewJsonConversions.forRowClasses(List.of(KvRow.class), ViewTestContext.JSON)).isEmpty();
	}

	private Set<ConvertiblePair> pairs(Class<?> converterType) {
		return this.converters.stream()
			.filter(converterType::isInstance)
			.map(converter -> ((GenericConverter) converter).getConvertibleTypes())
			.findFirst()
			.orElseThrow();
	}

	private static ConvertiblePair pair(Class<?> source, Class<?> target) {
		return new ConvertiblePair(source, target);
	}

	/** A target type as Spring Data describes it: the raw class with one level of type arguments. */
	private static TypeDescriptor descriptor(Class<?> type, Class<?> argument) {
		return new TypeDescriptor(ResolvableType.forClassWithGenerics(type, argument), type, null);
	}
}
