package dev.kappa.bench.unique;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

/** The unique-N view, written as a new user writes one: one upsert per entry, every entry its own row. */
@KappaView(name = "todo", version = 1, tables = TodoRow.class)
public class TodoView {

	@OnEntry
	void on(LogEntry<Todo> entry, ViewTables tables) {
		tables.upsert(TodoRow.of(entry.value()));
	}

	/** The same view at version 2: a version bump, so its table is dropped and rebuilt from the log. */
	@KappaView(name = "todo", version = 2, tables = TodoRow.class)
	public static class Next {

		@OnEntry
		void on(LogEntry<Todo> entry, ViewTables tables) {
			tables.upsert(TodoRow.of(entry.value()));
		}
	}
}
