package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kappa.core.KappaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static dev.kappa.internal.log.LogTesting.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Deferred commits ({@code kappa.log.fsync=never|interval} with a linger): an append returns once its entries are
 * queued with their seqs; they are signed and written together by the linger timer, a full queue, a flush (every
 * read that must see them) or the close; a failed deferred commit keeps them at their seqs and says so.
 */
class DeferredCommitTests {

	/** Long enough that only a flush, a full queue or the close commits during a test. */
	private static final Duration NO_TIMER = Duration.ofHours(1);

	@TempDir
	Path dir;

	private final FaultyFileIo io = new FaultyFileIo();

	private LogStore open(FsyncPolicy policy, Duration linger) {
		return LogStore.open(this.dir, LogTesting.options().withFsync(policy).withLinger(linger).withFileIo(this.io));
	}

	/** How much of a write to {@code file} lands (then the disk is full), or an exception. */
	@FunctionalInterface
	interface WriteFault {

		int write(Path file, int length) throws IOException;
	}

	private void onWrite(WriteFault fault) {
		this.io.faults = new FaultyFileIo.Faults() {
			@Override
			public int write(Path file, FileChannel channel, long position, int length) throws IOException {
				return fault.write(file, length);
			}
		};
	}

	/** The log "w" of {@code store} holding {@code n} entries, written. */
	private static SignedLog written(LogStore store, int n) {
		SignedLog log = store.writer("w");
		log.append(entries(0, n));
		log.flush();
		return log;
	}

	@Test
	void queuedAppendsAreSignedAsOneFrameByAFlush() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			SignedLog log = store.writer("w");
			for (int i = 0; i < 10; i++) {
				assertThat(log.append(List.of(entry(i)))).isEqualTo(i);
			}
			assertThat(log.length()).as("queued, not written").isZero();
			assertThat(LogTesting.frameOffsets(log.dir())).isEmpty();
			log.flush();
			assertThat(log.length()).isEqualTo(10);
			assertThat(LogTesting.frameOffsets(log.dir())).as("one signature for the ten appends").hasSize(1);
			for (int i = 0; i < 10; i++) {
				assertThat(log.read(i)).isEqualTo(entry(i));
			}
			log.verify();
		}
	}

	@Test
	void theLingerTimerCommitsWithoutAnyRead() {
		try (LogStore store = open(FsyncPolicy.INTERVAL, Duration.ofMillis(1))) {
			SignedLog log = store.writer("w");
			AtomicInteger told = new AtomicInteger();
			store.addListener((l, length) -> told.set((int) length));
			log.append(entries(0, 3));
			await().atMost(Duration.ofSeconds(10)).until(() -> log.length() == 3 && told.get() == 3);
		}
	}

	@Test
	void aFullQueueIsCommittedByTheAppenderBeforeItQueues() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			SignedLog log = store.writer("w");
			for (int i = 0; i < DeferredCommits.MAX_ENTRIES; i++) {
				log.append(List.of(entry(i)));
			}
			assertThat(log.length()).isZero();
			assertThat(log.append(List.of(entry(DeferredCommits.MAX_ENTRIES)))).isEqualTo(DeferredCommits.MAX_ENTRIES);
			assertThat(log.length()).as("the full queue was written before the next append queued").isEqualTo(
					DeferredCommits.MAX_ENTRIES);
		}
	}

	@Test
	void concurrentAppendersGetContiguousSeqsInTheirOwnOrder() throws Exception {
		int threads = 4;
		int each = 3000;
		List<List<Long>> seqs = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (LogStore store = open(FsyncPolicy.NEVER, Duration.ofMillis(1))) {
			SignedLog log = store.writer("w");
			List<CompletableFuture<Void>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				List<Long> mine = new ArrayList<>();
				seqs.add(mine);
				long base = t * 1_000_000L;
				done.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < each; i++) {
						// every fifth append is a batch of two
						mine.add(log.append(i % 5 == 0 ? entries(base + i * 10L, 2) : List.of(entry(base + i * 10L))));
					}
				}, pool));
			}
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get();
			log.flush();
			long total = 0;
			for (int t = 0; t < threads; t++) {
				List<Long> mine = seqs.get(t);
				assertThat(mine).as("thread %d's seqs grow", t).isSorted().doesNotHaveDuplicates();
				for (int i = 0; i < each; i++) {
					long seq = mine.get(i);
					long id = t * 1_000_000L + i * 10L;
					assertThat(log.read(seq)).as("seq %d", seq).isEqualTo(entry(id));
					if (i % 5 == 0) {
						assertThat(log.read(seq + 1)).isEqualTo(entry(id + 1));
					}
					total += i % 5 == 0 ? 2 : 1;
				}
			}
			assertThat(log.length()).isEqualTo(total);
			log.verify();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void closeWritesWhatIsQueued() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			store.writer("w").append(entries(0, 7));
			assertThat(store.writer("w").length()).isZero();
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("w");
			assertThat(log.length()).isEqualTo(7);
			assertThat(log.read(6)).isEqualTo(entry(6));
			log.verify();
		}
	}

	@Test
	void headAndStoreFlushSeeQueuedEntries() {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			SignedLog log = store.writer("w");
			log.append(entries(0, 4));
			assertThat(log.head().length()).as("a head announced to peers holds every acknowledged entry").isEqualTo(4);
			log.append(entries(4, 2));
			store.flush();
			assertThat(log.length()).isEqualTo(6);
		}
	}

	@Test
	void aDeferredCommitThatMeetsAFullDiskKeepsItsSeqsAndRetries() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			SignedLog log = written(store, 5);
			onWrite((file, length) -> file.endsWith(LogFiles.DATA_FILE) ? length / 2 : length);
			assertThat(log.append(entries(5, 3))).as("queued: the disk is not touched yet").isEqualTo(5);
			assertThatThrownBy(log::flush).isInstanceOf(KappaException.class)
				.hasMessageContaining("seqs 5..7")
				.hasMessageContaining("No space left on device")
				.hasMessageContaining("stay queued at their seqs");
			assertThatThrownBy(() -> log.append(entries(100, 1))).as("an append retries first and is refused")
				.hasMessageContaining("seqs 5..7");
			assertThat(log.length()).isEqualTo(5);
			assertThat(log.failure()).isNull();
			this.io.faults = new FaultyFileIo.Faults() {
			};
			assertThat(log.append(entries(8, 1))).as("the retry wrote 5..7, so this one is 8").isEqualTo(8);
			log.flush();
			assertThat(log.length()).isEqualTo(9);
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("w");
			assertThat(log.length()).isEqualTo(9);
			for (int i = 0; i < 9; i++) {
				assertThat(log.read(i)).as("seq %d", i).isEqualTo(entry(i));
			}
			log.verify();
		}
	}

	@Test
	void theTimerRetriesAFailedCommitOnceTheDiskIsBack() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, Duration.ofMillis(1))) {
			SignedLog log = store.writer("w");
			CompletableFuture<Void> failed = new CompletableFuture<>();
			onWrite((file, length) -> {
				if (file.endsWith(LogFiles.DATA_FILE)) {
					failed.complete(null);
					throw FaultyFileIo.diskFull();
				}
				return length;
			});
			log.append(entries(0, 2));
			failed.get(10, TimeUnit.SECONDS);
			this.io.faults = new FaultyFileIo.Faults() {
			};
			await().atMost(Duration.ofSeconds(10)).until(() -> log.length() == 2);
			assertThat(log.read(1)).isEqualTo(entry(1));
		}
	}

	@Test
	void aFailureThatCannotPassNamesTheLostSeqsAndStopsTheLog() throws Exception {
		try (LogStore store = open(FsyncPolicy.NEVER, NO_TIMER)) {
			SignedLog log = written(store, 2);
			onWrite((file, length) -> {
				throw new IllegalStateException("a bug in the file layer");
			});
			log.append(entries(2, 3));
			assertThatThrownBy(log::flush).hasMessageContaining("lost the entries at seqs 2..4")
				.hasMessageContaining("a bug in the file layer");
			assertThat(log.failure()).isNotNull();
			assertThatThrownBy(() -> log.append(entries(5, 1))).hasMessageContaining("stopped after a failure");
			assertThatThrownBy(log::flush).as("the loss is not forgotten").hasMessageContaining("seqs 2..4");
			assertThat(log.read(1)).as("what was written stays readable").isEqualTo(entry(1));
		}
	}

	@Test
	void batchForcesBeforeAppendReturns() throws Exception {
		AtomicInteger forces = new AtomicInteger();
		this.io.faults = new FaultyFileIo.Faults() {
			@Override
			public void force(Path file) {
				if (file.endsWith(LogFiles.DATA_FILE)) {
					forces.incrementAndGet();
				}
			}
		};
		try (LogStore store = open(FsyncPolicy.BATCH, Duration.ofMillis(1))) {
			SignedLog log = store.writer("w");
			int before = forces.get();
			assertThat(log.append(List.of(entry(0)))).isZero();
			assertThat(log.length()).as("written before append returned").isEqualTo(1);
			assertThat(forces.get()).as("forced before append returned").isEqualTo(before + 1);
		}
	}

	@Test
	void aZeroLingerWritesEachAppendBeforeItReturns() {
		try (LogStore store = open(FsyncPolicy.NEVER, Duration.ZERO)) {
			SignedLog log = store.writer("w");
			log.append(entries(0, 2));
			assertThat(log.length()).isEqualTo(2);
		}
	}

	@Test
	void aNegativeLingerIsRefused() {
		assertThatThrownBy(() -> LogOptions.defaults().withLinger(Duration.ofMillis(-1)))
			.hasMessageContaining("linger must be zero or positive");
	}
}
