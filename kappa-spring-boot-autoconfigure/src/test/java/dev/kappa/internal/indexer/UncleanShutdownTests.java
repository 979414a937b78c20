package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.view.builtin.KvPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 view database that its last user did not close cleanly (the process was killed) may hold part of a
 * transaction (h2database #2080), so its views are rebuilt from the logs at the next start; after a clean close
 * nothing is replayed.
 */
class UncleanShutdownTests {

	@TempDir
	Path dir;

	@Test
	void afterAKillTheViewsOfAnH2DatabaseAreRebuiltFromTheLogs() throws Exception {
		Path storage = this.dir.resolve("storage");
		String url = "jdbc:h2:file:" + this.dir.resolve("views/db");
		indexTen(storage, url);
		// What a kill can leave: part of the last commit (a count behind its checkpoint), and the open marker.
		sql(url, "UPDATE \"counts\" SET \"ENTRIES\" = 7", "MERGE INTO " + UncleanShutdown.TABLE + " KEY (id) VALUES (1)");
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 100, new CountingView())) {
			db.ready();
			assertThat(db.rows("SELECT \"ENTRIES\" FROM \"counts\"")).containsExactly("{ENTRIES=10}");
		}
		assertThat(ViewTestDatabase.rows(url, "SELECT * FROM " + UncleanShutdown.TABLE)).as("closed cleanly").isEmpty();
	}

	@Test
	void afterACleanCloseNothingIsReplayed() throws Exception {
		Path storage = this.dir.resolve("storage");
		String url = "jdbc:h2:file:" + this.dir.resolve("views/db");
		indexTen(storage, url);
		assertThat(ViewTestDatabase.rows(url, "SELECT * FROM " + UncleanShutdown.TABLE)).isEmpty();
		sql(url, "UPDATE \"counts\" SET \"ENTRIES\" = 7"); // no marker: the count stands, as nothing is replayed
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 100, new CountingView())) {
			db.ready();
			assertThat(db.rows("SELECT \"ENTRIES\" FROM \"counts\"")).containsExactly("{ENTRIES=7}");
		}
	}

	private static void indexTen(Path storage, String url) throws Exception {
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url, Clock.systemUTC(), 100, new CountingView())) {
			List<KvPut> puts = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				puts.add(new KvPut("k" + i, "v" + i));
			}
			db.engine.writer("a").appendAll(puts);
			db.ready();
			assertThat(db.rows("SELECT \"ENTRIES\" FROM \"counts\"")).containsExactly("{ENTRIES=10}");
		}
	}

	private static void sql(String url, String... statements) throws Exception {
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}
}
