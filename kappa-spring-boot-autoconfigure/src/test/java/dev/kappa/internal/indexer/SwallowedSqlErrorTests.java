package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.kappa.testing.TestDatabase;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import dev.kappa.view.builtin.KvPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that catches the exception of its own failed statement ({@code tables.jdbc()}) and goes on. H2 keeps
 * the transaction going; PostgreSQL aborts it, so nothing after the error may run in it: the view must fail at
 * that entry with a message saying what happened, keep everything before it, and never loop.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class SwallowedSqlErrorTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path dir;

	@Table("notes")
	public record Note(@Id String key, String value) {
	}

	@KappaView(name = "notes", tables = Note.class)
	public static class SwallowingView {

		@OnEntry
		void on(KvPut put, ViewTables tables) {
			if (put.value().equals("bad")) {
				try {
					tables.jdbc().sql("INSERT INTO no_such_table VALUES (1)").update();
				}
				catch (RuntimeException ex) {
					// swallowed: fine on H2, fatal for the transaction on PostgreSQL
				}
			}
			tables.upsert(new Note(put.key(), put.value()));
		}
	}

	@Test
	void aSwallowedStatementErrorFailsAtItsEntryOnPostgresAndIsHarmlessOnH2() throws Exception {
		try (ViewTestDatabase db = new ViewTestDatabase(this.dir, this.database.newUrl(), Clock.systemUTC(), 100,
				new SwallowingView())) {
			var log = db.engine.writer("a");
			log.appendAll(List.of(new KvPut("a", "1"), new KvPut("b", "2"), new KvPut("c", "bad"), new KvPut("d", "4")));
			if (this.database == TestDatabase.H2) {
				db.ready();
				assertThat(db.rows("SELECT \"KEY\" FROM \"notes\"")).hasSize(4);
				return;
			}
			assertThat(db.views.ready()).failsWithin(Duration.ofSeconds(30))
				.withThrowableThat()
				.withMessageContaining("failed at entry 2 of log " + log.key())
				.withMessageContaining("aborted");
			assertThat(db.rows("SELECT \"KEY\" FROM \"notes\"")).containsExactly("{KEY=a}", "{KEY=b}");
			assertThat(db.views.status("notes").processed()).isEqualTo(2);
		}
	}
}
