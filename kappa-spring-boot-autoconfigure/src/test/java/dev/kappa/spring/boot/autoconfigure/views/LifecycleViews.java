package dev.kappa.spring.boot.autoconfigure.views;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import tools.jackson.databind.JsonNode;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Views that change between runs of a test: versions, shapes, failures. */
final class LifecycleViews {

	private LifecycleViews() {
	}

	@KappaView(name = "kv", version = 2, tables = KvRow.class)
	static class KvViewVersion2 {

		@OnEntry
		void on(Put put, ViewTables tables) {
			tables.upsert(new KvRow(put.key(), put.value().toUpperCase()));
		}
	}

	@Table("kv")
	record KvRowWithLength(@Id String key, String value, int length) {
	}

	/** Same name and version as {@link KvView}, another table shape. */
	@KappaView(name = "kv", version = 1, tables = KvRowWithLength.class)
	static class KvViewNewShape {

		@OnEntry
		void on(Put put, ViewTables tables) {
			tables.upsert(new KvRowWithLength(put.key(), put.value(), put.value().length()));
		}
	}

	@Table("counter")
	record CounterRow(@Id String name, long count) {
	}

	/** Counts every entry: not idempotent, so an entry applied twice shows. */
	@KappaView(name = "counter", tables = CounterRow.class)
	static class CounterView {

		@OnEntry
		void on(LogEntry<JsonNode> entry, ViewTables tables) {
			long count = tables.find(CounterRow.class, "all").map(CounterRow::count).orElse(0L);
			tables.upsert(new CounterRow("all", count + 1));
		}
	}

	@Table("seen")
	record SeenRow(@Id String key, String value) {
	}

	/** Fails on the value "boom" while {@link #BROKEN} is set. */
	@KappaView(name = "fragile", tables = SeenRow.class)
	static class FragileView {

		static final AtomicBoolean BROKEN = new AtomicBoolean(true);

		@OnEntry
		void on(Put put, ViewTables tables) {
			if (BROKEN.get() && put.value().equals("boom")) {
				throw new IllegalStateException("cannot digest boom");
			}
			tables.upsert(new SeenRow(put.key(), put.value()));
		}
	}

	/** An entry type whose payload cannot be read as a {@link Put}. */
	@dev.kappa.core.KappaMessage("odd")
	record Odd(String id) {
	}
}
