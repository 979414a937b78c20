package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.kappa.testing.TestDatabase;
import dev.kappa.view.Indexed;
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
 * Writes to a table with a unique secondary index reach the database in the order handlers made them: a batch
 * succeeds or fails exactly as one write at a time would (coalescing writes by id could reorder them, and hide
 * a violation that a later write of the same batch undoes).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class UniqueIndexOrderTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path dir;

	@Table("owners")
	public record Owner(@Id String name, @Indexed(unique = true) String email) {
	}

	@KappaView(name = "owners", tables = Owner.class)
	public static class OwnersView {

		@OnEntry
		void on(KvPut put, ViewTables tables) {
			tables.upsert(new Owner(put.key(), put.value()));
		}
	}

	@Test
	void writesToAUniquelyIndexedTableKeepTheirOrderWithinABatch() throws Exception {
		try (ViewTestDatabase db = new ViewTestDatabase(this.dir, this.database.newUrl(),
				Clock.systemUTC(), 1000, new OwnersView())) {
			var log = db.engine.writer("a");
			log.appendAll(List.of(new KvPut("a", "x"), new KvPut("b", "w0")));
			db.ready();
			db.views.pause("owners");
			// One at a time: b takes v, a moves to w (freeing x), b takes x. Coalesced by first touch, b would
			// take x while a still held it.
			log.appendAll(List.of(new KvPut("b", "v"), new KvPut("a", "w"), new KvPut("b", "x")));
			db.views.resume("owners");
			db.ready();
			assertThat(db.rows("SELECT \"NAME\", \"EMAIL\" FROM \"owners\"")).containsExactly("{NAME=a, EMAIL=w}",
					"{NAME=b, EMAIL=x}");
		}
	}

	@Test
	void aViolationThatALaterWriteWouldUndoStillFailsAtItsEntry() throws Exception {
		try (ViewTestDatabase db = new ViewTestDatabase(this.dir, this.database.newUrl(),
				Clock.systemUTC(), 1000, new OwnersView())) {
			var log = db.engine.writer("a");
			log.appendAll(List.of(new KvPut("a", "x")));
			db.ready();
			db.views.pause("owners");
			// b takes x while a holds it: entry 2 fails, although a gives x up at entry 3.
			log.appendAll(List.of(new KvPut("a", "x"), new KvPut("b", "x"), new KvPut("a", "y")));
			db.views.resume("owners");
			assertThat(db.views.ready()).failsWithin(java.time.Duration.ofSeconds(30))
				.withThrowableThat()
				.withMessageContaining("failed at entry 2 of log " + log.key());
			assertThat(db.rows("SELECT \"NAME\", \"EMAIL\" FROM \"owners\"")).containsExactly("{NAME=a, EMAIL=x}");
		}
	}
}
