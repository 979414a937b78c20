package dev.kappa.internal.indexer;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import tools.jackson.databind.JsonNode;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Counts every entry it sees, per log: not idempotent, so an entry applied twice (or lost) shows in the
 * count. Prints a progress line every 2000 entries for the crash test's parent.
 */
@KappaView(name = "counting", tables = CountingView.Count.class)
public class CountingView {

	@Table("counts")
	public record Count(@Id String log, long entries) {
	}

	@OnEntry
	void on(LogEntry<JsonNode> entry, ViewTables tables) {
		String log = entry.log().toString();
		long entries = tables.find(Count.class, log).map(Count::entries).orElse(0L) + 1;
		tables.upsert(new Count(log, entries));
		if (entry.seq() % 2000 == 0) {
			System.out.println("PROGRESS " + entry.seq());
			System.out.flush();
		}
	}
}
