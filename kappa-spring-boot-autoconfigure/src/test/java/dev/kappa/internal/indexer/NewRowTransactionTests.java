package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogWriter;
import dev.kappa.testing.TestDatabase;
import dev.kappa.view.Indexed;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A view whose entries only add rows new to its table commits every
 * {@link BufferedViewTables#NEW_ROWS_PER_TRANSACTION} rows, however large its batch: nothing could coalesce, and the
 * database writes small transactions faster. A view whose entries update rows keeps its whole batch in one
 * transaction, where the updates coalesce. Either way every entry is applied once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class NewRowTransactionTests {

	private static final int ENTRIES = 10_000;

	@Parameter
	TestDatabase database;

	@TempDir
	Path dir;

	public record Todo(long id, String owner) {
	}

	@Table("todo")
	public record TodoRow(@Id long id, @Indexed String owner) {
	}

	/** One row per entry: the unique-N workload. */
	@KappaView(name = "todo", tables = TodoRow.class)
	public static class TodoView {

		@OnEntry
		void on(Todo todo, ViewTables tables) {
			tables.upsert(new TodoRow(todo.id(), todo.owner()));
		}
	}

	@Table("owner_last")
	public record OwnerRow(@Id String owner, long last) {
	}

	/** One row per owner, updated by every entry of that owner. */
	@KappaView(name = "owners", tables = OwnerRow.class)
	public static class OwnerView {

		@OnEntry
		void on(Todo todo, ViewTables tables) {
			tables.upsert(new OwnerRow(todo.owner(), todo.id()));
		}
	}

	/** The entries of each committed transaction, per view. */
	static final class Transactions implements KappaMonitor {

		final List<String> committed = new CopyOnWriteArrayList<>();

		@Override
		public void indexed(String view, long entries) {
			this.committed.add(view + ":" + entries);
		}

		List<Long> of(String view) {
			return this.committed.stream()
				.filter(c -> c.startsWith(view + ":"))
				.map(c -> Long.parseLong(c.substring(view.length() + 1)))
				.toList();
		}
	}

	private static void append(LogWriter writer, int from, int to) {
		for (int i = from; i < to; i += 1000) {
			List<Todo> batch = new ArrayList<>();
			for (int k = i; k < Math.min(i + 1000, to); k++) {
				batch.add(new Todo(k, "o" + (k % 100)));
			}
			writer.appendAll(batch);
		}
	}

	@Test
	void newRowsCommitInBoundedTransactionsAndUpdatesInOne() throws Exception {
		Transactions transactions = new Transactions();
		int bound = BufferedViewTables.NEW_ROWS_PER_TRANSACTION;
		try (ViewTestDatabase db = ViewTestDatabase.withMonitor(this.dir, this.database.newUrl(), 200_000, transactions,
				new TodoView(), new OwnerView())) {
			db.views.pause("todo");
			db.views.pause("owners");
			append(db.engine.writer("a"), 0, ENTRIES);
			db.views.resume("todo");
			db.views.resume("owners");
			db.ready();
			assertThat(transactions.of("todo")).containsExactly((long) bound, (long) bound, (long) (ENTRIES - 2 * bound));
			assertThat(transactions.of("owners")).containsExactly((long) ENTRIES);
			assertThat(db.rows("SELECT COUNT(*) AS N, MIN(\"ID\") AS LO, MAX(\"ID\") AS HI FROM \"todo\""))
				.containsExactly("{N=" + ENTRIES + ", LO=0, HI=" + (ENTRIES - 1) + "}");
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"owner_last\"")).containsExactly("{N=100}");
			assertThat(db.rows("SELECT \"LAST\" FROM \"owner_last\" WHERE \"OWNER\" = 'o7'"))
				.containsExactly("{LAST=" + (ENTRIES - 100 + 7) + "}");

			// more entries later: the todo table has rows now, but its ids are still known to be new
			db.views.pause("todo");
			transactions.committed.clear();
			append(db.engine.writer("a"), ENTRIES, ENTRIES + bound + 10);
			db.views.resume("todo");
			db.ready();
			assertThat(transactions.of("todo")).containsExactly((long) bound, 10L);
			assertThat(db.views.status("todo").processed()).isEqualTo(ENTRIES + bound + 10);
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"todo\"")).containsExactly("{N=" + (ENTRIES + bound + 10) + "}");
		}
	}

	@Test
	void aRowWrittenAgainKeepsTheTransactionWhole() throws Exception {
		Transactions transactions = new Transactions();
		try (ViewTestDatabase db = ViewTestDatabase.withMonitor(this.dir, this.database.newUrl(), 200_000, transactions,
				new TodoView())) {
			db.views.pause("todo");
			LogWriter writer = db.engine.writer("a");
			append(writer, 0, 3000);
			append(writer, 0, 3000); // the same ids again, in the same batch
			append(writer, 3000, ENTRIES);
			db.views.resume("todo");
			db.ready();
			assertThat(transactions.of("todo")).containsExactly(3000L + ENTRIES);
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"todo\"")).containsExactly("{N=" + ENTRIES + "}");
		}
	}
}
