package dev.kappa.view.builtin;

import java.util.Optional;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

/**
 * A last-writer-wins key/value view over {@link KvPut} entries of every log: each key holds the value of
 * the entry with the latest writer timestamp, ties broken by log key then seq. The winner does not depend on
 * the order in which entries arrive, so every database holding the same logs holds the same table
 * ({@code kappa_kv}, rows {@link KvEntry}).
 * <p>
 * Register it as a bean ({@code @Import(LastWriterWinsKvView.class)}) and query it with a
 * {@code ViewRepository<KvEntry, String>} of your own.
 */
@KappaView(name = "kappa_kv", version = 1, tables = KvEntry.class)
public class LastWriterWinsKvView {

	@OnEntry
	void on(LogEntry<KvPut> entry, ViewTables tables) {
		KvEntry candidate = new KvEntry(entry.value().key(), entry.value().value(), entry.timestamp(),
				entry.log().toString(), entry.seq());
		Optional<KvEntry> current = tables.find(KvEntry.class, candidate.key());
		if (current.isEmpty() || candidate.winsOver(current.get())) {
			tables.upsert(candidate);
		}
	}
}
