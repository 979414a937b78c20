package dev.kappa.spring.boot.autoconfigure.views;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

@KappaView(name = "kv", version = 1, tables = KvRow.class)
public class KvView {

	@OnEntry
	void on(LogEntry<Put> entry, ViewTables tables) {
		tables.upsert(new KvRow(entry.value().key(), entry.value().value()));
	}
}
