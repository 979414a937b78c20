package dev.kappa.sample;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

/**
 * kappa-core's kv example: what each key holds now. The newest write wins whatever the order entries arrive
 * in (from this app or from a replicating peer), so every replica ends with the same table.
 */
@KappaView(name = "kv", version = 1, tables = KvRow.class)
public class KvView {

	@OnEntry
	void on(LogEntry<Put> entry, ViewTables tables) {
		KvRow row = new KvRow(entry.value().key(), entry.value().value(), entry.timestamp(), entry.log().toString(),
				entry.seq());
		if (tables.find(KvRow.class, row.key()).map(row::newerThan).orElse(true)) {
			tables.upsert(row);
		}
	}
}
