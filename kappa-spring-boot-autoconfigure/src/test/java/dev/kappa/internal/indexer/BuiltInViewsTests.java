package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import dev.kappa.core.LogWriter;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.view.builtin.LastWriterWinsKvView;
import dev.kappa.view.builtin.MultiValueRegisterView;
import dev.kappa.view.builtin.MvPut;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What the built-in views hold for small, hand-made histories, on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BuiltInViewsTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path dir;

	@Test
	void lastWriterWinsByTimestampThenLogThenSeq() throws Exception {
		MutableClock clock = new MutableClock();
		try (ViewTestDatabase db = ViewTestDatabase.fresh(this.database, this.dir, clock, new LastWriterWinsKvView())) {
			LogWriter a = db.engine.writer("a");
			LogWriter b = db.engine.writer("b");
			clock.now = Instant.parse("2026-01-01T00:00:02Z");
			a.append(new KvPut("soup", "cold"));
			clock.now = Instant.parse("2026-01-01T00:00:01Z");
			b.append(new KvPut("soup", "older, arrives later"));
			clock.now = Instant.parse("2026-01-01T00:00:03Z");
			a.append(new KvPut("tea", "from a"));
			b.append(new KvPut("tea", "from b"));
			db.ready();
			String teaWinner = a.key().compareTo(b.key()) > 0 ? "from a" : "from b";
			assertThat(db.rows("SELECT \"KEY\", \"VALUE\" FROM \"kappa_kv\"")).containsExactly("{KEY=soup, VALUE=cold}",
					"{KEY=tea, VALUE=" + teaWinner + "}");
		}
	}

	@Test
	void concurrentWritesForkAndALinkingWriteMergesThem() throws Exception {
		try (ViewTestDatabase db = ViewTestDatabase.fresh(this.database, this.dir, Clock.systemUTC(), new MultiValueRegisterView())) {
			LogWriter a = db.engine.writer("a");
			LogWriter b = db.engine.writer("b");
			long first = a.append(new MvPut("soup", "cold", List.of()));
			String firstId = a.key() + "@" + first;
			long left = a.append(new MvPut("soup", "warm", List.of(firstId)));
			long right = b.append(new MvPut("soup", "hot", List.of(firstId)));
			db.ready();
			assertThat(db.rows("SELECT \"VALUE\" FROM \"kappa_mv_heads\"")).containsExactly("{VALUE=hot}", "{VALUE=warm}");
			a.append(new MvPut("soup", "tepid", List.of(a.key() + "@" + left, b.key() + "@" + right)));
			db.ready();
			assertThat(db.rows("SELECT \"VALUE\" FROM \"kappa_mv_heads\"")).containsExactly("{VALUE=tepid}");
		}
	}

	static final class MutableClock extends Clock {

		Instant now = Instant.EPOCH;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}
	}
}
