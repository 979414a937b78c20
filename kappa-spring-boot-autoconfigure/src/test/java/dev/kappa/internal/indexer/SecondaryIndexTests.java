package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.KappaMessage;
import dev.kappa.core.LogWriter;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.view.Indexed;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secondary (not unique) indexes are built after a large backlog, not kept up row by row while it is processed;
 * with a small backlog, and at every start, they exist before the first entry is handled.
 */
class SecondaryIndexTests {

	private static final int ENTRIES = 3000;

	@TempDir
	Path dir;

	@KappaMessage("todo")
	public record Todo(long id, String owner) {
	}

	@Table("todo")
	public record TodoRow(@Id long id, @Indexed String owner, @Indexed(unique = true) String code) {
	}

	/** Holds the first entry until released, so a test can look at the tables while the backlog is processed. */
	@KappaView(name = "todo", tables = TodoRow.class)
	public static class GatedView {

		final CountDownLatch first = new CountDownLatch(1);

		final CountDownLatch gate = new CountDownLatch(1);

		@OnEntry
		void on(Todo todo, ViewTables tables) throws InterruptedException {
			this.first.countDown();
			this.gate.await(60, TimeUnit.SECONDS);
			tables.upsert(new TodoRow(todo.id(), todo.owner(), "c" + todo.id()));
		}
	}

	@Test
	void aLargeBacklogGetsItsSecondaryIndexOnceItIsProcessed() throws Exception {
		appendTodos();
		GatedView view = new GatedView();
		try (ViewTestDatabase db = ViewTestDatabase.withIndexBacklog(this.dir, url(), 500, 1000, view)) {
			assertThat(view.first.await(60, TimeUnit.SECONDS)).isTrue();
			assertThat(indexes(db)).containsExactly("UNIQUE INDEX"); // the unique one is a constraint: there at once
			view.gate.countDown();
			db.ready();
			assertThat(indexes(db)).containsExactlyInAnyOrder("INDEX", "UNIQUE INDEX");
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"todo\" WHERE \"OWNER\" = 'o1'")).containsExactly("{N=30}");
		}
	}

	@Test
	void aSmallBacklogHasItsSecondaryIndexBeforeTheFirstEntry() throws Exception {
		appendTodos();
		GatedView view = new GatedView();
		try (ViewTestDatabase db = ViewTestDatabase.withIndexBacklog(this.dir, url(), 500, ENTRIES + 1, view)) {
			assertThat(view.first.await(60, TimeUnit.SECONDS)).isTrue();
			assertThat(indexes(db)).containsExactlyInAnyOrder("INDEX", "UNIQUE INDEX");
			view.gate.countDown();
			db.ready();
		}
	}

	@Test
	void aStartBuildsASecondaryIndexThatIsMissing() throws Exception {
		appendTodos();
		String url = url();
		GatedView view = new GatedView();
		view.gate.countDown();
		try (ViewTestDatabase db = ViewTestDatabase.withIndexBacklog(this.dir, url, 500, 1000, view)) {
			db.ready();
			// as after a crash between processing the backlog and building the index
			new JdbcTemplate(db.dataSource).execute("DROP INDEX \"" + index(db, "INDEX") + "\"");
			assertThat(indexes(db)).containsExactly("UNIQUE INDEX");
		}
		try (ViewTestDatabase db = ViewTestDatabase.withIndexBacklog(this.dir, url, 500, 1000, view)) {
			assertThat(indexes(db)).containsExactlyInAnyOrder("INDEX", "UNIQUE INDEX");
		}
	}

	private String url() {
		return "jdbc:h2:mem:secondary-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
	}

	private void appendTodos() {
		try (KappaEngine engine = KappaEngine.open(this.dir, LogOptions.defaults(), JsonMapper.builder().build(),
				Clock.systemUTC())) {
			LogWriter writer = engine.writer("todos");
			List<Todo> todos = new ArrayList<>();
			for (int i = 0; i < ENTRIES; i++) {
				todos.add(new Todo(i, "o" + (i % 100)));
			}
			writer.appendAll(todos);
		}
	}

	/** The index types of the todo table besides its primary key. */
	private static List<String> indexes(ViewTestDatabase db) {
		return new JdbcTemplate(db.dataSource).queryForList("SELECT INDEX_TYPE_NAME FROM INFORMATION_SCHEMA.INDEXES "
				+ "WHERE TABLE_NAME = 'todo' AND INDEX_TYPE_NAME <> 'PRIMARY KEY'", String.class);
	}

	private static String index(ViewTestDatabase db, String type) {
		return new JdbcTemplate(db.dataSource).queryForObject("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
				+ "WHERE TABLE_NAME = 'todo' AND INDEX_TYPE_NAME = ?", String.class, type);
	}
}
