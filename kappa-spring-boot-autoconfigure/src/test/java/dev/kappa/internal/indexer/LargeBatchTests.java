package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogWriter;
import dev.kappa.testing.TestDatabase;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import dev.kappa.view.builtin.KvPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One transaction touching more distinct rows than are buffered at once: rows are written into the
 * transaction early, and later handlers still see them.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class LargeBatchTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path dir;

	@Table("chain")
	public record Link(@Id String key, String value, String previous) {
	}

	/** Each row records the value the previous key held, read back through find(). */
	@KappaView(name = "chain", tables = Link.class)
	public static class ChainView {

		@OnEntry
		void on(KvPut put, ViewTables tables) {
			int n = Integer.parseInt(put.key().substring(1));
			String previous = n == 0 ? null
					: tables.find(Link.class, "k" + (n - 1)).map(Link::value).orElse("missing");
			tables.upsert(new Link(put.key(), put.value(), previous));
			// one row written by every entry: the transaction updates rows, so it is not cut short at
			// BufferedViewTables.NEW_ROWS_PER_TRANSACTION new rows
			tables.upsert(new Link("last", put.key(), null));
		}
	}

	@Test
	void moreDistinctRowsThanTheBufferHoldsInOneTransaction() throws Exception {
		int rows = BufferedViewTables.MAX_BUFFERED_ROWS + 10_000;
		try (ViewTestDatabase db = new ViewTestDatabase(this.dir, this.database.newUrl(),
				Clock.systemUTC(), rows, new ChainView())) {
			db.views.pause("chain");
			LogWriter writer = db.engine.writer("a");
			for (int i = 0; i < rows; i += 1000) {
				List<KvPut> batch = new ArrayList<>();
				for (int k = i; k < i + 1000; k++) {
					batch.add(new KvPut("k" + k, "v" + k));
				}
				writer.appendAll(batch);
			}
			db.views.resume("chain");
			db.ready();
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"chain\"")).containsExactly("{N=" + (rows + 1) + "}");
			assertThat(db.rows("SELECT \"VALUE\" FROM \"chain\" WHERE \"KEY\" = 'last'")).containsExactly("{VALUE=k" + (rows - 1) + "}");
			assertThat(db.rows("SELECT COUNT(*) AS N FROM \"chain\" WHERE \"PREVIOUS\" = 'missing'")).containsExactly("{N=0}");
			assertThat(db.rows("SELECT \"PREVIOUS\" FROM \"chain\" WHERE \"KEY\" = 'k" + BufferedViewTables.MAX_BUFFERED_ROWS + "'"))
				.containsExactly("{PREVIOUS=v" + (BufferedViewTables.MAX_BUFFERED_ROWS - 1) + "}");
			assertThat(db.views.status("chain").processed()).isEqualTo(rows);
		}
	}
}
