package dev.kappa.bench.kv;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

/** The benchmarked view, written as the documentation writes a kv view: one upsert per entry. */
@KappaView(name = "kv", version = 1, tables = KvRow.class)
public class KvView {

	@OnEntry
	void on(LogEntry<Put> entry, ViewTables tables) {
		tables.upsert(new KvRow(entry.value().key(), entry.value().value()));
	}

	/** The same view at version 2: a version bump, so its table is dropped and rebuilt from the log. */
	@KappaView(name = "kv", version = 2, tables = KvRow.class)
	public static class Next {

		@OnEntry
		void on(LogEntry<Put> entry, ViewTables tables) {
			tables.upsert(new KvRow(entry.value().key(), entry.value().value()));
		}
	}
}
