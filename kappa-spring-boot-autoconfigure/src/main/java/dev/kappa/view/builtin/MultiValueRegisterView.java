package dev.kappa.view.builtin;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

/**
 * A multi-value register per key, as kappa-view-kv keeps it: the heads of a key are its {@link MvPut} entries
 * that no other entry links to. Concurrent writes without links to each other are all kept (a fork) until an
 * entry linking them merges them. The heads are the entries minus everything linked, a set that does not
 * depend on arrival order, so every database holding the same logs holds the same tables
 * ({@code kappa_mv_heads}, {@code kappa_mv_links}).
 * <p>
 * Register it as a bean ({@code @Import(MultiValueRegisterView.class)}) and query {@link MvHead} with a
 * {@code ViewRepository<MvHead, String>} of your own ({@code List<MvHead> findByKey(String key)}).
 */
@KappaView(name = "kappa_mv", version = 1, tables = { MvHead.class, MvLink.class })
public class MultiValueRegisterView {

	@OnEntry
	void on(LogEntry<MvPut> entry, ViewTables tables) {
		for (String link : entry.value().links()) {
			tables.upsert(new MvLink(link));
			tables.delete(MvHead.class, link);
		}
		String id = id(entry);
		if (tables.find(MvLink.class, id).isEmpty()) {
			tables.upsert(new MvHead(id, entry.value().key(), entry.value().value()));
		}
	}

	/** The id by which other entries link to this one: {@code <log key>@<seq>}. */
	public static String id(LogEntry<?> entry) {
		return entry.log() + "@" + entry.seq();
	}
}
