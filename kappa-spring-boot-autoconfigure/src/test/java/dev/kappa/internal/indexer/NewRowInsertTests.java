package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.KappaException;
import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.internal.schema.TableDefinition;
import dev.kappa.testing.TestDatabase;
import dev.kappa.view.Indexed;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link BufferedViewTables} inserts rows it knows to be new (the table was empty when it first wrote to it, and
 * its filter of written ids has not seen theirs) and upserts the rest: the rows are those the upserts alone
 * write, a row written behind its back (through {@code jdbc()}) is replaced once, not doubled or lost, and a
 * rolled-back or recreated table is handled.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NewRowInsertTests {

	@Parameter
	TestDatabase database;

	@Table("note")
	public record Note(@Id long id, String text, @Indexed String owner) {
	}

	private HikariDataSource fast;

	private HikariDataSource upsertOnly;

	private TableDefinition table;

	@BeforeEach
	void createTables() throws SQLException {
		this.fast = dataSource();
		this.upsertOnly = dataSource();
		this.table = new SchemaGenerator(new JdbcMappingContext(), DialectResolver.getDialect(new JdbcTemplate(this.fast)))
			.table(Note.class);
		for (HikariDataSource ds : List.of(this.fast, this.upsertOnly)) {
			try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
				for (String ddl : this.table.createStatements()) {
					s.execute(ddl);
				}
			}
		}
		// A row present before the first flush: this table is never inserted into, only upserted.
		new JdbcTemplate(this.upsertOnly).update(this.database.sql("INSERT INTO \"note\" (\"ID\", \"TEXT\", \"OWNER\") VALUES (-1, 'seed', 'x')"));
	}

	private HikariDataSource dataSource() {
		HikariDataSource ds = new HikariDataSource();
		ds.setJdbcUrl(this.database.newUrl());
		return ds;
	}

	@AfterEach
	void close() {
		this.fast.close();
		this.upsertOnly.close();
	}

	private BufferedViewTables newTables() {
		return new BufferedViewTables("notes", BufferedViewTables.codecs(List.of(this.table), JsonMapper.builder().build()));
	}

	/** One committed transaction of {@code writes}. */
	private static void commit(HikariDataSource ds, BufferedViewTables tables, Consumer<BufferedViewTables> writes)
			throws SQLException {
		transaction(ds, tables, writes, true);
	}

	private static void transaction(HikariDataSource ds, BufferedViewTables tables, Consumer<BufferedViewTables> writes,
			boolean commit) throws SQLException {
		try (Connection c = ds.getConnection()) {
			c.setAutoCommit(false);
			tables.begin(c);
			try {
				writes.accept(tables);
				tables.flush();
				if (commit) {
					c.commit();
				}
				else {
					c.rollback();
				}
			}
			catch (RuntimeException ex) {
				c.rollback(); // as IndexingBatch does: a failed transaction leaves nothing
				throw ex;
			}
			finally {
				tables.end();
				c.setAutoCommit(true);
			}
		}
	}

	private static void upsert(BufferedViewTables tables, int from, int to, String text) {
		for (int i = from; i < to; i++) {
			tables.upsert(new Note(i, text + i, "o" + (i % 7)));
		}
	}

	private List<Map<String, Object>> rows(HikariDataSource ds) {
		return new JdbcTemplate(ds).queryForList(this.database.sql("SELECT \"ID\", \"TEXT\", \"OWNER\" FROM \"note\" WHERE \"ID\" >= 0 ORDER BY \"ID\""))
			.stream()
			.map(TestDatabase::row)
			.toList();
	}

	@Test
	void theRowsAreThoseUpsertsAloneWrite() throws SQLException {
		BufferedViewTables fastTables = newTables();
		BufferedViewTables upsertTables = newTables();
		List<Consumer<BufferedViewTables>> transactions = List.of(
				t -> upsert(t, 0, 3000, "a"),
				t -> {
					upsert(t, 2000, 5000, "b"); // 1000 rewrites, 2000 new rows
					t.delete(Note.class, 10L);
					t.delete(Note.class, 4000L); // written and deleted in one transaction
				},
				t -> {
					upsert(t, 10, 11, "c"); // deleted in an earlier transaction, written again
					upsert(t, 4999, 6000, "d");
				});
		for (Consumer<BufferedViewTables> writes : transactions) {
			commit(this.fast, fastTables, writes);
			commit(this.upsertOnly, upsertTables, writes);
		}
		assertThat(rows(this.fast)).hasSize(5999).isEqualTo(rows(this.upsertOnly));
		assertThat(rows(this.fast).get(10)).containsEntry("TEXT", "c10");
		long[] fast = fastTables.writeCounts();
		assertThat(fast[0] + fast[1]).isEqualTo(3000 + 3000 - 1 + 1 + 1001);
		// at most a few per cent of the 5,999 new rows are upserted, on a false "maybe" of the filter
		assertThat(fast[0]).isGreaterThan(5700);
		assertThat(fast[1]).isGreaterThanOrEqualTo(1000 + 1 + 1);
		assertThat(fast[2]).isZero();
		assertThat(upsertTables.writeCounts()[0]).isZero();
	}

	@Test
	void aRowWrittenThroughJdbcIsReplacedOnceNotDoubled() throws SQLException {
		BufferedViewTables tables = newTables();
		commit(this.fast, tables, t -> upsert(t, 0, 100, "a"));
		commit(this.fast, tables, t -> {
			t.jdbc().sql(this.database.sql("INSERT INTO \"note\" (\"ID\", \"TEXT\", \"OWNER\") VALUES (200, 'jdbc', 'j')")).update();
			upsert(t, 150, 251, "b"); // 200 is new to the filter, but not to the table
		});
		assertThat(tables.writeCounts()[2]).as("INSERT batches redone as upserts").isEqualTo(1);
		List<Map<String, Object>> rows = rows(this.fast);
		assertThat(rows).hasSize(100 + 101);
		assertThat(rows).filteredOn(row -> ((Number) row.get("ID")).longValue() == 200)
			.singleElement()
			.satisfies(row -> assertThat(row).containsEntry("TEXT", "b200"));
		long inserted = tables.writeCounts()[0];
		commit(this.fast, tables, t -> upsert(t, 300, 400, "c"));
		assertThat(tables.writeCounts()[0]).as("inserts are off after a foreign row").isEqualTo(inserted);
		assertThat(rows(this.fast)).hasSize(301);
	}

	@Test
	void rolledBackWritesAreWrittenAgain() throws SQLException {
		BufferedViewTables tables = newTables();
		transaction(this.fast, tables, t -> upsert(t, 0, 500, "lost"), false);
		commit(this.fast, tables, t -> upsert(t, 0, 500, "kept"));
		assertThat(rows(this.fast)).hasSize(500).allSatisfy(row -> assertThat((String) row.get("TEXT")).startsWith("kept"));
		assertThat(tables.writeCounts()[2]).isZero();
	}

	@Test
	void aRecreatedTableIsInsertedIntoAgain() throws SQLException {
		BufferedViewTables tables = newTables();
		commit(this.fast, tables, t -> upsert(t, 0, 1000, "a"));
		try (Connection c = this.fast.getConnection(); Statement s = c.createStatement()) {
			s.execute(this.table.dropStatement());
			for (String ddl : this.table.createStatements()) {
				s.execute(ddl);
			}
		}
		tables.tablesRecreated();
		long before = tables.writeCounts()[0];
		commit(this.fast, tables, t -> upsert(t, 0, 1000, "b"));
		assertThat(tables.writeCounts()[0] - before).isGreaterThan(950);
		assertThat(rows(this.fast)).hasSize(1000).allSatisfy(row -> assertThat((String) row.get("TEXT")).startsWith("b"));
	}

	@Test
	void aRowTheDatabaseRefusesIsReportedNotHiddenByTheRetry() throws SQLException {
		new JdbcTemplate(this.fast).execute(this.database.sql("ALTER TABLE \"note\" ADD CONSTRAINT no_bad_text CHECK (\"TEXT\" <> 'bad7')"));
		BufferedViewTables tables = newTables();
		assertThatExceptionOfType(KappaException.class)
			.isThrownBy(() -> commit(this.fast, tables, t -> upsert(t, 0, 10, "bad")))
			.withMessageContaining("failed to write its rows")
			.withMessageContaining(this.database == TestDatabase.H2 ? "NO_BAD_TEXT" : "no_bad_text");
		assertThat(rows(this.fast)).isEmpty();
	}
}
