package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import dev.kappa.core.LogWriter;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.view.builtin.LastWriterWinsKvView;
import dev.kappa.view.builtin.MultiValueRegisterView;
import dev.kappa.view.builtin.MvPut;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: databases holding the same logs hold identical built-in view tables, whatever the order in which
 * the entries arrived. For each seed, three writers append random puts (colliding timestamps, links across
 * logs); several replicas receive the logs chunk by chunk in a random interleaving, indexing partial prefixes
 * along the way; every replica's tables must equal the source's. A failing seed is reproducible: rerun it.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ConvergenceTests {

	@Parameter
	TestDatabase database;

	private static final String KV = "SELECT * FROM \"kappa_kv\"";

	private static final String HEADS = "SELECT * FROM \"kappa_mv_heads\"";

	private static final String LINKS = "SELECT * FROM \"kappa_mv_links\"";

	@TempDir
	Path dir;

	static LongStream seeds() {
		return LongStream.range(1, 13);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void builtInViewsConvergeWhateverTheArrivalOrder(long seed) throws Exception {
		Random random = new Random(seed);
		try (ViewTestDatabase source = ViewTestDatabase.fresh(this.database, this.dir.resolve("source"), new RandomClock(random),
				new LastWriterWinsKvView(), new MultiValueRegisterView())) {
			write(source, random);
			source.ready();
			List<List<String>> expected = List.of(source.rows(KV), source.rows(HEADS), source.rows(LINKS));
			assertThat(expected.get(0)).isNotEmpty();
			for (int r = 0; r < 3; r++) {
				try (ViewTestDatabase replica = ViewTestDatabase.fresh(this.database, this.dir.resolve("replica-" + r),
						Clock.systemUTC(), new LastWriterWinsKvView(), new MultiValueRegisterView())) {
					replicateInRandomOrder(source, replica, random);
					replica.ready();
					assertThat(List.of(replica.rows(KV), replica.rows(HEADS), replica.rows(LINKS)))
						.as("replica %d of seed %d", r, seed)
						.isEqualTo(expected);
				}
			}
		}
	}

	/** Three writers; puts in small batches; links to random earlier entries of any log. */
	private static void write(ViewTestDatabase db, Random random) {
		List<LogWriter> writers = List.of(db.engine.writer("a"), db.engine.writer("b"), db.engine.writer("c"));
		List<String> ids = new ArrayList<>();
		int appends = 40 + random.nextInt(40);
		for (int i = 0; i < appends; i++) {
			LogWriter writer = writers.get(random.nextInt(writers.size()));
			List<Object> batch = new ArrayList<>();
			int size = 1 + random.nextInt(3);
			for (int k = 0; k < size; k++) {
				if (random.nextBoolean()) {
					batch.add(new KvPut("k" + random.nextInt(4), "v" + i + "." + k));
				}
				else {
					List<String> links = new ArrayList<>();
					for (int l = random.nextInt(3); l > 0 && !ids.isEmpty(); l--) {
						links.add(ids.get(random.nextInt(ids.size())));
					}
					batch.add(new MvPut("m" + random.nextInt(3), "w" + i + "." + k, links));
				}
			}
			long first = writer.appendAll(batch);
			for (int k = 0; k < size; k++) {
				ids.add(writer.key() + "@" + (first + k));
			}
		}
	}

	/** Copies every log chunk by chunk, picking the next log at random, sometimes letting the views catch up. */
	private static void replicateInRandomOrder(ViewTestDatabase source, ViewTestDatabase replica, Random random)
			throws Exception {
		List<SignedLog> pending = new ArrayList<>(source.engine.store().logs());
		EntryBatch chunk = new EntryBatch();
		while (!pending.isEmpty()) {
			SignedLog from = pending.get(random.nextInt(pending.size()));
			SignedLog to = replica.engine.store().replica(from.key());
			from.readChunk(to.length(), 1 + random.nextInt(400), chunk);
			List<byte[]> entries = new ArrayList<>();
			for (int i = 0; i < chunk.count(); i++) {
				entries.add(chunk.copy(i));
			}
			to.appendVerified(chunk.first(), entries, 0, chunk.signature(), null);
			if (to.length() == from.length()) {
				pending.remove(from);
			}
			if (random.nextInt(4) == 0) {
				replica.ready();
			}
		}
	}

	/** Writer timestamps drawn from a few seconds, so that ties are common. */
	static final class RandomClock extends Clock {

		private final Random random;

		RandomClock(Random random) {
			this.random = random;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochSecond(1_700_000_000L + this.random.nextInt(5));
		}
	}
}
