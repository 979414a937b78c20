package dev.kappa.internal.schema;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.kappa.internal.schema.TestRows.KvRow;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.dialect.JdbcMySqlDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row classes that cannot be views are rejected with a message naming the class, property and problem. */
class ValidationTests {

	final SchemaGenerator generator = new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE);

	record NoId(String key, String value) {
	}

	record Key(String a, String b) {
	}

	record CompositeId(@Id Key key, String value) {
	}

	record EmbeddedId(@Id @Embedded.Nullable Key key, String value) {
	}

	record BytesId(@Id byte[] key, String value) {
	}

	record ArrayProperty(@Id String id, String[] names) {
	}

	record OptionalProperty(@Id String id, Optional<String> name) {
	}

	record DateProperty(@Id String id, Date when) {
	}

	record CharProperty(@Id String id, char initial) {
	}

	record ObjectProperty(@Id String id, Object anything) {
	}

	@SuppressWarnings("rawtypes")
	record RawList(@Id String id, List names) {
	}

	@SuppressWarnings("rawtypes")
	record NestedRawList(@Id String id, List<List> names) {
	}

	record EntityList(@Id String id, List<KvRow> rows) {
	}

	record EntityMap(@Id String id, Map<String, KvRow> rows) {
	}

	record EntityReference(@Id String id, KvRow row) {
	}

	record Mapped(@Id String id, @MappedCollection(idColumn = "parent") List<String> names) {
	}

	record EmbeddedValue(@Id String id, @Embedded.Nullable Key key) {
	}

	interface Shape {
	}

	record AbstractValue(@Id String id, Shape shape) {
	}

	record JdkInterface(@Id String id, Runnable task) {
	}

	class Inner {

		String name;
	}

	record InnerValue(@Id String id, Inner inner) {
	}

	record DuplicateColumns(@Id String id, @Column("x") String a, @Column("x") String b) {
	}

	record TwoIds(@Id String id, @Id String other) {
	}

	@Table("kv")
	record OtherKv(@Id String id) {
	}

	@Table("KV")
	record UpperKv(@Id String id) {
	}

	@Test
	void rowWithoutIdIsRejected() {
		assertRejected(NoId.class, "has no @Id property");
	}

	@Test
	void compositeAndEmbeddedIdsAreRejected() {
		assertRejected(CompositeId.class, "'key'", "composite or embedded ids are not supported");
		assertRejected(EmbeddedId.class, "'key'", "composite or embedded ids are not supported");
		assertRejected(BytesId.class, "'key'", "byte[] ids are not supported");
		assertRejected(TwoIds.class, "cannot be mapped");
	}

	@Test
	void unsupportedTypesAreRejected() {
		assertRejected(ArrayProperty.class, "'names'", "is an array");
		assertRejected(OptionalProperty.class, "'name'", "is an Optional");
		assertRejected(DateProperty.class, "'when'", "java.util.Date, which is not supported; supported are");
		assertRejected(CharProperty.class, "'initial'", "char, which is not supported");
		assertRejected(ObjectProperty.class, "'anything'", "java.lang.Object, which is not supported");
		assertRejected(RawList.class, "'names'", "is a raw List");
		assertRejected(NestedRawList.class, "'names'", "is a raw List");
		assertRejected(AbstractValue.class, "'shape'", "abstract type " + Shape.class.getName());
		assertRejected(JdkInterface.class, "'task'", "java.lang.Runnable, which is not supported");
		assertRejected(InnerValue.class, "'inner'", "make it static");
		assertRejected(DuplicateColumns.class, "'a' and 'b' both map to the column \"x\"");
	}

	@Test
	void referencesToEntitiesAreRejected() {
		assertRejected(EntityList.class, "'rows'", "collections of entities (one-to-many references) are not supported");
		assertRejected(EntityMap.class, "'rows'", "collections of entities (one-to-many references) are not supported");
		assertRejected(EntityReference.class, "'row'", "references to other tables are not supported");
		assertRejected(Mapped.class, "'names'", "@MappedCollection");
		assertRejected(EmbeddedValue.class, "'key'", "is @Embedded");
	}

	@Test
	void rowClassMustBeConcrete() {
		assertRejected(Runnable.class, "must be a record or a concrete class");
		assertRejected(TestRows.Color.class, "must be a record or a concrete class");
	}

	@Test
	void jsonConversionsRejectTheSameClasses() {
		assertThatThrownBy(() -> ViewJsonConversions.forRowClasses(List.of(KvRow.class, EntityList.class),
				ViewTestContext.JSON))
			.isInstanceOf(SchemaValidationException.class)
			.hasMessageContaining(EntityList.class.getName())
			.hasMessageContaining("one-to-many");
	}

	@Test
	void duplicateTablesAcrossViewsAreRejected() {
		TableDefinition kv = this.generator.table(KvRow.class);
		TableDefinition otherKv = this.generator.table(OtherKv.class);
		TableDefinition upperKv = this.generator.table(UpperKv.class);
		assertThatThrownBy(() -> SchemaGenerator.checkDistinct(Map.of("a", List.of(kv), "b", List.of(otherKv))))
			.isInstanceOf(SchemaValidationException.class)
			.hasMessage("The table \"kv\" is declared by both view 'a' (row class " + KvRow.class.getName()
					+ ") and view 'b' (row class " + OtherKv.class.getName()
					+ "); give one row class another @Table name, or list a row class only once");
		assertThatThrownBy(() -> SchemaGenerator.checkDistinct(Map.of("a", List.of(kv), "b", List.of(upperKv))))
			.hasMessageContaining("view 'a'")
			.hasMessageContaining("view 'b'");
		assertThatThrownBy(() -> this.generator.tables("a", List.of(KvRow.class, KvRow.class)))
			.hasMessageContaining("declared by both view 'a' (row class " + KvRow.class.getName() + ") and view 'a'");
		SchemaGenerator.checkDistinct(Map.of("a", List.of(kv), "b", List.of(this.generator.table(NoIndexRow.class))));
	}

	@Table("a_long_table_name_that_goes_on_and_on_and_on")
	record LongNames(@Id String id,
			@dev.kappa.view.Indexed String aColumnWithAVeryLongNameIndeedSoLongThatTheIndexNameIsCut) {
	}

	@Table("a_long_table_name_that_goes_on_and_on_and_on")
	record LongNamesToo(@Id String id,
			@dev.kappa.view.Indexed String aColumnWithAVeryLongNameIndeedSoLongThatTheIndexNameIsCutToo) {
	}

	record NoIndexRow(@Id String id) {
	}

	@Test
	void longIndexNamesAreCutWithAHash() {
		IndexDefinition index = this.generator.table(LongNames.class).indexes().get(0);
		IndexDefinition other = this.generator.table(LongNamesToo.class).indexes().get(0);
		assertThat(index.sqlName()).hasSize(63 + 2).startsWith("\"a_long_table_name_that_goes_on_and_on_and_on_a_column_");
		assertThat(other.sqlName()).hasSize(63 + 2).isNotEqualTo(index.sqlName());
	}

	@Test
	void unsupportedDatabaseIsRejected() {
		assertThatThrownBy(() -> new SchemaGenerator(new JdbcMappingContext(), JdbcMySqlDialect.INSTANCE))
			.isInstanceOf(SchemaValidationException.class)
			.hasMessageContaining("H2 or PostgreSQL")
			.hasMessageContaining("JdbcMySqlDialect");
	}

	private void assertRejected(Class<?> rowType, String... fragments) {
		assertThatThrownBy(() -> this.generator.table(rowType)).isInstanceOf(SchemaValidationException.class)
			.hasMessageContaining(rowType.getName())
			.satisfies(ex -> assertThat(ex.getMessage()).contains(fragments));
	}
}
