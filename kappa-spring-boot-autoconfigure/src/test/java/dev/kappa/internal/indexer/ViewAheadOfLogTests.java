package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.TestFiles;
import dev.kappa.view.builtin.KvPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log that lost entries a view had already processed (a power loss with fsync=never) makes the view rebuild
 * from the logs as they are, instead of keeping rows of entries that no longer exist.
 */
class ViewAheadOfLogTests {

	@TempDir
	Path dir;

	@Test
	void aViewAheadOfItsLogsIsRebuilt() throws Exception {
		Path storage = this.dir.resolve("storage");
		String url = "jdbc:h2:file:" + this.dir.resolve("views/db");
		Path logsAtTen = this.dir.resolve("logs-at-10");
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 100, new CountingView())) {
			db.engine.writer("a").appendAll(puts(0, 10));
			db.ready();
			TestFiles.copy(storage.resolve("logs"), logsAtTen); // what a power loss could leave on disk
			db.engine.writer("a").appendAll(puts(10, 10));
			db.ready();
			assertThat(db.rows("SELECT \"ENTRIES\" FROM \"counts\"")).containsExactly("{ENTRIES=20}");
		}
		TestFiles.delete(storage.resolve("logs"));
		TestFiles.copy(logsAtTen, storage.resolve("logs"));
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 100, new CountingView())) {
			db.ready();
			assertThat(db.engine.logs()).singleElement().satisfies(log -> assertThat(log.length()).isEqualTo(10));
			assertThat(db.rows("SELECT \"ENTRIES\" FROM \"counts\"")).containsExactly("{ENTRIES=10}");
			assertThat(db.views.status("counting").processed()).isEqualTo(10);
		}
	}

	private static List<KvPut> puts(int from, int count) {
		List<KvPut> puts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			puts.add(new KvPut("k" + i, "v" + i));
		}
		return puts;
	}
}
