package dev.kappa.internal.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.kappa.internal.schema.TestRows.KvRepository;
import dev.kappa.internal.schema.TestRows.KvRow;
import dev.kappa.internal.schema.TestRows.OrderLine;
import dev.kappa.internal.schema.TestRows.OrderLineRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Generated tables are the ones Spring Data JDBC repositories expect: explicit and derived table names, a
 * {@code @Column} rename and camelCase properties, with quoted and with plain identifiers.
 */
class NamingTests {

	@TempDir
	Path directory;

	static final List<OrderLine> LINES = List.of(new OrderLine(1, "Tea", 3, "c1", new UUID(0, 1)),
			new OrderLine(2, "Coffee", 3, "c2", new UUID(0, 2)), new OrderLine(3, "Tea", 1, "c1", new UUID(0, 3)));

	@Test
	void quotedNamesMatchRepositories() {
		try (ViewTestContext views = new ViewTestContext(this.directory)) {
			TableDefinition table = views.create(OrderLine.class);
			assertThat(table.createStatements()).containsExactly(
					"CREATE TABLE \"ORDER_LINE\" (\"LINE_ID\" BIGINT NOT NULL, \"PRODUCT_NAME\" CHARACTER VARYING, "
							+ "\"qty\" INTEGER NOT NULL, \"CUSTOMER_ID\" CHARACTER VARYING, \"EXTERNAL_REF\" UUID, "
							+ "PRIMARY KEY (\"LINE_ID\"))",
					"CREATE INDEX \"ORDER_LINE_CUSTOMER_ID_IDX\" ON \"ORDER_LINE\" (\"CUSTOMER_ID\")",
					"CREATE UNIQUE INDEX \"ORDER_LINE_EXTERNAL_REF_KEY\" ON \"ORDER_LINE\" (\"EXTERNAL_REF\")");
			assertRepositoriesRead(views);

			RowCodec<KvRow> kv = RowCodec.of(views.create(KvRow.class), KvRow.class, ViewTestContext.JSON);
			assertThat(kv.table().sqlName()).isEqualTo("\"kv\"");
			views.upsert(kv, List.of(new KvRow("a", "1"), new KvRow("b", "2"), new KvRow("c", "1")));
			KvRepository kvRepository = views.repository(KvRepository.class);
			assertThat(kvRepository.findByValue("1")).extracting(KvRow::key).containsExactlyInAnyOrder("a", "c");
			assertThat(kvRepository.findAll()).hasSize(3);
		}
	}

	@Test
	void plainNamesAndNamingStrategyMatchRepositories() {
		try (ViewTestContext views = new ViewTestContext(this.directory, ViewTestContext.PlainIdentifiersConfig.class)) {
			TableDefinition table = views.create(OrderLine.class);
			assertThat(table.createStatements()).containsExactly(
					"CREATE TABLE V_ORDER_LINE (LINE_ID BIGINT NOT NULL, PRODUCT_NAME CHARACTER VARYING, "
							+ "qty INTEGER NOT NULL, CUSTOMER_ID CHARACTER VARYING, EXTERNAL_REF UUID, "
							+ "PRIMARY KEY (LINE_ID))",
					"CREATE INDEX V_ORDER_LINE_CUSTOMER_ID_IDX ON V_ORDER_LINE (CUSTOMER_ID)",
					"CREATE UNIQUE INDEX V_ORDER_LINE_EXTERNAL_REF_KEY ON V_ORDER_LINE (EXTERNAL_REF)");
			assertThat(views.generator.table(KvRow.class).sqlName()).isEqualTo("kv");
			assertRepositoriesRead(views);
		}
	}

	private static void assertRepositoriesRead(ViewTestContext views) {
		RowCodec<OrderLine> lines = RowCodec.of(views.generator.table(OrderLine.class), OrderLine.class,
				ViewTestContext.JSON);
		views.upsert(lines, LINES);
		OrderLineRepository repository = views.repository(OrderLineRepository.class);
		assertThat(repository.findById(2L)).contains(LINES.get(1));
		assertThat(repository.findByProductName("Tea")).containsExactlyInAnyOrder(LINES.get(0), LINES.get(2));
		assertThat(repository.findByQuantity(3)).containsExactlyInAnyOrder(LINES.get(0), LINES.get(1));
		assertThat(repository.findByCustomerId("c2")).containsExactly(LINES.get(1));
	}

	@Test
	void indexedPropertiesGetIndexes() {
		try (ViewTestContext views = new ViewTestContext(this.directory)) {
			views.create(OrderLine.class);
			assertThat(views.jdbc.queryForList("SELECT INDEX_NAME || ' ' || INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES "
					+ "WHERE TABLE_NAME = 'ORDER_LINE'", String.class))
				.containsExactlyInAnyOrder("ORDER_LINE_CUSTOMER_ID_IDX INDEX", "ORDER_LINE_EXTERNAL_REF_KEY UNIQUE INDEX",
						"PRIMARY_KEY_" + primaryKeySuffix(views) + " PRIMARY KEY");
			assertThat(views.jdbc.queryForList("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS "
					+ "WHERE INDEX_NAME = 'ORDER_LINE_EXTERNAL_REF_KEY'", String.class))
				.containsExactly("EXTERNAL_REF");
			RowCodec<OrderLine> codec = RowCodec.of(views.generator.table(OrderLine.class), OrderLine.class,
					ViewTestContext.JSON);
			views.upsert(codec, List.of(LINES.get(0)));
			assertThatThrownBy(() -> views.upsert(codec, List.of(new OrderLine(9, "Tea", 1, "c9", new UUID(0, 1)))))
				.hasMessageContaining("ORDER_LINE_EXTERNAL_REF_KEY");
		}
	}

	private static String primaryKeySuffix(ViewTestContext views) {
		String name = views.jdbc.queryForObject("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
				+ "WHERE TABLE_NAME = 'ORDER_LINE' AND INDEX_TYPE_NAME = 'PRIMARY KEY'", String.class);
		return name.substring("PRIMARY_KEY_".length());
	}

	@Test
	void dropStatementDropsTableAndIndexes() {
		try (ViewTestContext views = new ViewTestContext(this.directory)) {
			TableDefinition table = views.create(OrderLine.class);
			views.jdbc.execute(table.dropStatement());
			views.jdbc.execute(table.dropStatement());
			assertThat(views.jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES "
					+ "WHERE INDEX_NAME LIKE 'ORDER_LINE%'", Integer.class)).isZero();
			table.createStatements().forEach(views.jdbc::execute);
			assertThat(views.repository(OrderLineRepository.class).count()).isZero();
		}
	}

	@Test
	void duplicateIdFailsInsertButNotUpsert() {
		try (ViewTestContext views = new ViewTestContext(this.directory)) {
			RowCodec<KvRow> codec = RowCodec.of(views.create(KvRow.class), KvRow.class, ViewTestContext.JSON);
			views.upsert(codec, List.of(new KvRow("a", "1")));
			views.upsert(codec, List.of(new KvRow("a", "2")));
			assertThat(views.find(codec, "a")).contains(new KvRow("a", "2"));
			assertThatThrownBy(() -> views.jdbc.update(codec.insertSql(), statement -> codec.bind(statement,
					new KvRow("a", "3"))))
				.isInstanceOf(DataIntegrityViolationException.class);
		}
	}
}
