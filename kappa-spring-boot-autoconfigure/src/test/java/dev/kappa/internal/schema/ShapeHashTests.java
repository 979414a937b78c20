package dev.kappa.internal.schema;

import java.util.List;
import java.util.Set;

import dev.kappa.internal.schema.TestRows.KvRow;
import dev.kappa.internal.schema.TestRows.OrderLine;
import dev.kappa.view.Indexed;
import org.junit.jupiter.api.Test;

import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape hash is stable for the same classes and changes with every change of table shape. */
class ShapeHashTests {

	final SchemaGenerator generator = new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE);

	@Table("kv")
	record LongValue(@Id String key, Long value) {
	}

	@Table("kv")
	record RenamedColumn(@Id String key, @Column("val") String value) {
	}

	@Table("kv")
	record IndexedValue(@Id String key, @Indexed String value) {
	}

	@Table("kv")
	record UniqueValue(@Id String key, @Indexed(unique = true) String value) {
	}

	@Table("kv")
	record PrimitiveValue(@Id String key, int value) {
	}

	@Table("kv")
	record BoxedValue(@Id String key, Integer value) {
	}

	@Table("kv")
	record ExtraColumn(@Id String key, String value, String note) {
	}

	@Table("kv")
	record OtherId(@Id String value, String key) {
	}

	@Table("kv2")
	record RenamedTable(@Id String key, String value) {
	}

	@Table("kv")
	record Reordered(String value, @Id String key) {
	}

	@Table("kv")
	record ReorderedExtra(@Id String key, String note, String value) {
	}

	private String hash(Class<?>... rowTypes) {
		return SchemaGenerator.shapeHash(this.generator.tables("v", List.of(rowTypes)));
	}

	@Test
	void hashIsAFixedFunctionOfTheDdl() {
		// A literal (the SHA-256 of "kappa-schema 1\nH2\n" and the DDL, one statement a line), so that a change
		// of generated DDL (which rebuilds every view) cannot go unnoticed, and the hash cannot depend on
		// anything of this JVM such as hash codes or reflection order.
		assertThat(this.generator.table(KvRow.class).createStatements()).containsExactly(
				"CREATE TABLE \"kv\" (\"KEY\" CHARACTER VARYING NOT NULL, \"VALUE\" CHARACTER VARYING, PRIMARY KEY (\"KEY\"))");
		assertThat(hash(KvRow.class)).isEqualTo("500b418779e3b02e96c58e7f8053cca6218c726b264bdf7bc2e0f0a383af3e2b");
	}

	@Test
	void hashIsStableAcrossGeneratorsAndTableOrder() {
		SchemaGenerator other = new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE);
		assertThat(SchemaGenerator.shapeHash(other.tables("v", List.of(KvRow.class)))).isEqualTo(hash(KvRow.class));
		assertThat(hash(KvRow.class, OrderLine.class)).isEqualTo(hash(OrderLine.class, KvRow.class));
	}

	@Test
	void hashIgnoresTheOrderOfNonKeyColumns() {
		assertThat(hash(Reordered.class)).isEqualTo(hash(KvRow.class));
		assertThat(hash(ReorderedExtra.class)).isEqualTo(hash(ExtraColumn.class));
		assertThat(this.generator.table(ReorderedExtra.class).createStatements())
			.isNotEqualTo(this.generator.table(ExtraColumn.class).createStatements());
	}

	@Test
	void hashChangesWithEveryChangeOfShape() {
		List<Class<?>> variants = List.of(KvRow.class, LongValue.class, RenamedColumn.class, IndexedValue.class,
				UniqueValue.class, PrimitiveValue.class, BoxedValue.class, ExtraColumn.class, OtherId.class,
				RenamedTable.class);
		Set<String> hashes = new java.util.HashSet<>();
		variants.forEach(variant -> hashes.add(hash(variant)));
		assertThat(hashes).hasSameSizeAs(variants);
		assertThat(hash(KvRow.class, OrderLine.class)).isNotEqualTo(hash(KvRow.class));
	}
}
