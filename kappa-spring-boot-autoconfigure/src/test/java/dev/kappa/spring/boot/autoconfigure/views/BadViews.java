package dev.kappa.spring.boot.autoconfigure.views;

import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Views declared wrongly, each failing start-up with a message naming it. */
final class BadViews {

	private BadViews() {
	}

	@KappaView(name = "nohandler", tables = KvRow.class)
	static class NoHandler {

		void on(Put put) {
		}
	}

	@KappaView(name = "threeparams", tables = KvRow.class)
	static class ThreeParameters {

		@OnEntry
		void on(Put put, ViewTables tables, String extra) {
		}
	}

	@KappaView(name = "rawentry", tables = KvRow.class)
	static class RawEntry {

		@OnEntry
		@SuppressWarnings("rawtypes")
		void on(LogEntry entry) {
		}
	}

	@KappaView(name = "kv", tables = KvRow.class)
	static class SecondKv {

		@OnEntry
		void on(Put put) {
		}
	}

	@Table("noid")
	record NoId(String key, String value) {
	}

	@KappaView(name = "noid", tables = NoId.class)
	static class TableWithoutId {

		@OnEntry
		void on(Put put) {
		}
	}

	@Table("weird")
	record Weird(@Id String key, Thread thread) {
	}

	@KappaView(name = "weird", tables = Weird.class)
	static class UnsupportedColumn {

		@OnEntry
		void on(Put put) {
		}
	}
}
