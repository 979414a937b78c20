package dev.kappa.internal.indexer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.kappa.core.LogEntry;
import dev.kappa.core.ViewStatus;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import dev.kappa.view.builtin.KvPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Views reading their logs ahead ({@link ReadAhead}): order, a corrupt entry, pause and close. */
class ReadAheadViewTests {

	@TempDir
	Path dir;

	@Table("seen")
	public record Seen(@Id String key, long seq, String value) {
	}

	/** Records the entries it sees; counts every one that is not the seq after the last, or not its own payload. */
	@KappaView(name = "ordered", tables = Seen.class)
	public static class OrderedView {

		volatile long last = -1;

		volatile long wrong;

		@OnEntry
		void on(LogEntry<KvPut> entry, ViewTables tables) {
			if (entry.seq() != this.last + 1 || !entry.value().value().equals("v" + entry.seq())) {
				this.wrong++;
			}
			this.last = entry.seq();
			tables.upsert(new Seen(entry.value().key(), entry.seq(), entry.value().value()));
		}
	}

	/** Blocks at one entry until let go. */
	@KappaView(name = "held", tables = Seen.class)
	public static class HeldView {

		final long at;

		final CompletableFuture<Void> reached = new CompletableFuture<>();

		final CountDownLatch release = new CountDownLatch(1);

		HeldView(long at) {
			this.at = at;
		}

		@OnEntry
		void on(LogEntry<KvPut> entry, ViewTables tables) throws InterruptedException {
			if (entry.seq() == this.at) {
				this.reached.complete(null);
				this.release.await();
			}
			tables.upsert(new Seen(entry.value().key(), entry.seq(), entry.value().value()));
		}
	}

	private static List<KvPut> puts(int from, int count) {
		List<KvPut> puts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			puts.add(new KvPut("k" + (i % 1000), "v" + i));
		}
		return puts;
	}

	private static void append(ViewTestDatabase db, int count) {
		for (int i = 0; i < count; i += 1000) {
			db.engine.writer("a").appendAll(puts(i, Math.min(1000, count - i)));
		}
	}

	private String url() {
		return "jdbc:h2:file:" + this.dir.resolve("views/db");
	}

	@Test
	void entriesArriveInOrderAcrossChunksAndBatches() throws Exception {
		int n = 2 * ReadAhead.READ_ENTRIES + 5_000; // three chunks at least, batches ending inside them
		OrderedView view = new OrderedView();
		try (ViewTestDatabase db = new ViewTestDatabase(this.dir.resolve("storage"), url(), Clock.systemUTC(), 30_001, view)) {
			db.views.pause("ordered");
			append(db, n);
			db.views.resume("ordered");
			db.ready();
			assertThat(view.wrong).isZero();
			assertThat(view.last).isEqualTo(n - 1);
			int lastKey = (n - 1) % 1000;
			assertThat(db.rows("SELECT \"SEQ\", \"VALUE\" FROM \"seen\" WHERE \"KEY\" = 'k" + lastKey + "'"))
				.containsExactly("{SEQ=" + (n - 1) + ", VALUE=v" + (n - 1) + "}");
		}
	}

	@Test
	void aCorruptEntryFoundReadingAheadStopsTheViewAtItsBatchNamingTheLogAndSeq() throws Exception {
		Path storage = this.dir.resolve("storage");
		String log;
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url(), Clock.systemUTC(), 1000)) {
			append(db, 200_000);
			log = db.engine.writer("a").key().toString();
		}
		// Entries on disk at the open are checked against their leaf hashes when read. The view holds its first
		// entry while entry 150,000 is damaged: it lies beyond the chunk read ahead meanwhile (from 1,000 on, at most
		// ReadAhead.READ_ENTRIES of them),
		// so the read ahead that meets it is one of those after it.
		HeldView view = new HeldView(0);
		try (ViewTestDatabase db = new ViewTestDatabase(storage, url(), Clock.systemUTC(), 1000, view)) {
			view.reached.get(30, TimeUnit.SECONDS);
			flip(storage, "\"v150000\"", 2);
			view.release.countDown();
			assertThatThrownBy(db::ready).hasMessageContaining("150000").hasMessageContaining(log);
			ViewStatus status = db.views.status("held");
			assertThat(status.state()).isEqualTo(ViewStatus.State.FAILED);
			// as without reading ahead: every batch before the one holding the entry is committed
			assertThat(status.processed()).isEqualTo(150_000);
			assertThat(status.lastError()).contains("150000").contains(log).contains("leaf hash");
		}
	}

	/** Flips one byte, {@code at} bytes into the only occurrence of {@code text} in the logs' files. */
	private static void flip(Path storage, String text, int at) throws IOException {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		List<Path> files;
		try (Stream<Path> walk = Files.walk(storage.resolve("logs"))) {
			files = walk.filter(Files::isRegularFile).toList();
		}
		int flipped = 0;
		for (Path file : files) {
			byte[] bytes = Files.readAllBytes(file);
			for (int i = 0; i + needle.length <= bytes.length; i++) {
				if (java.util.Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
					try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
						out.seek(i + at);
						out.write(bytes[i + at] ^ 1);
					}
					flipped++;
				}
			}
		}
		assertThat(flipped).as("occurrences of %s", text).isEqualTo(1);
	}

	@Test
	void pauseAndCloseWhileReadingAheadLeaveNoThread() throws Exception {
		java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
		HeldView view = new HeldView(500);
		ViewTestDatabase db = new ViewTestDatabase(this.dir.resolve("storage"), url(), Clock.systemUTC(), 1000, view);
		try {
			db.views.pause("held");
			append(db, 50_000);
			db.views.resume("held");
			view.reached.get(30, TimeUnit.SECONDS); // the next chunk is being read ahead meanwhile
			db.views.pause("held");
			view.release.countDown();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(db.views.status("held").processed()).isEqualTo(1000));
			assertThat(db.views.status("held").state()).isEqualTo(ViewStatus.State.PAUSED);
		}
		finally {
			CompletableFuture.runAsync(db::close).get(60, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn(thread -> thread.isAlive() && !before.contains(thread))
			.extracting(Thread::getName)
			.noneMatch(name -> name.startsWith(ReadAheadThreads.THREAD_NAME) || name.equals("kappa-view-held")));
	}
}
