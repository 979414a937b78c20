package dev.kappa.internal.indexer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.testing.TestDatabase;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import dev.kappa.view.builtin.KvPut;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One quick measurement, not a test: index and rebuild rates of a kv view over N entries (distinct keys), on an
 * H2 file and on the test PostgreSQL. Index: a fresh view database catches up on the logs. Rebuild: the same
 * database reopened with the view's version bumped (tables dropped, every entry replayed). Run with
 * {@code java -cp <test class path> dev.kappa.view.ViewRates [entries]}.
 */
public final class ViewRates {

	@Table("rates")
	public record Row(@Id String key, String value) {
	}

	@KappaView(name = "rates", version = 1, tables = Row.class)
	public static class Version1 {

		@OnEntry
		void on(KvPut put, ViewTables tables) {
			tables.upsert(new Row(put.key(), put.value()));
		}
	}

	@KappaView(name = "rates", version = 2, tables = Row.class)
	public static class Version2 {

		@OnEntry
		void on(KvPut put, ViewTables tables) {
			tables.upsert(new Row(put.key(), put.value()));
		}
	}

	public static void main(String[] args) throws Exception {
		int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Path dir = Files.createTempDirectory("view-rates");
		Path storage = dir.resolve("storage");
		try (KappaEngine engine = KappaEngine.open(storage, LogOptions.defaults(), JsonMapper.builder().build(),
				Clock.systemUTC())) {
			var writer = engine.writer("a");
			for (int i = 0; i < entries; i += 1000) {
				List<KvPut> batch = new ArrayList<>(1000);
				for (int k = i; k < Math.min(entries, i + 1000); k++) {
					batch.add(new KvPut("k" + k, "v" + k));
				}
				writer.appendAll(batch);
			}
		}
		for (TestDatabase database : TestDatabase.values()) {
			String url = database.newDurableUrl(dir.resolve(database.name()));
			long start = System.nanoTime();
			try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 200_000, new Version1())) {
				db.views.ready().get(30, java.util.concurrent.TimeUnit.MINUTES);
				report(database, "index", entries, start);
			}
			start = System.nanoTime();
			try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 200_000, new Version2())) {
				db.views.ready().get(30, java.util.concurrent.TimeUnit.MINUTES);
				report(database, "rebuild", entries, start);
			}
		}
		System.exit(0);
	}

	private static void report(TestDatabase database, String what, int entries, long start) {
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("%-10s %-8s %,d entries in %.1f s: %,.0f entries/s%n", database, what, entries, seconds,
				entries / seconds);
	}
}
