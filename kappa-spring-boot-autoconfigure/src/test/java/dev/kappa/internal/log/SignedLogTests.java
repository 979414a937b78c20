package dev.kappa.internal.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.kappa.core.KappaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static dev.kappa.internal.log.LogTesting.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedLogTests {

	@TempDir
	Path dir;

	@Test
	void appendsAreReadBackAfterReopening() {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.append(List.of(entry(0)))).isZero();
			assertThat(log.append(entries(1, 999))).isEqualTo(1);
			assertThat(log.length()).isEqualTo(1000);
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.writable()).isTrue();
			assertThat(log.length()).isEqualTo(1000);
			for (int i = 0; i < 1000; i += 97) {
				assertThat(log.read(i)).isEqualTo(entry(i));
			}
			log.verify();
			assertThat(log.append(List.of(entry(1000)))).isEqualTo(1000);
		}
	}

	@Test
	void batchReadsReturnConsecutiveVerifiedEntries() {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			for (int i = 0; i < 50; i++) {
				log.append(entries(i * 20L, 20));
			}
			EntryBatch batch = new EntryBatch();
			List<byte[]> seen = new ArrayList<>();
			for (long seq = 0; seq < log.length(); seq = batch.end()) {
				log.read(seq, 333, 10_000, batch);
				assertThat(batch.count()).isPositive();
				for (int i = 0; i < batch.count(); i++) {
					seen.add(batch.copy(i));
				}
			}
			assertThat(seen).hasSize(1000);
			for (int i = 0; i < 1000; i++) {
				assertThat(seen.get(i)).isEqualTo(entry(i));
			}
		}
	}

	@Test
	void concurrentAppendersGetDistinctOrderedSeqs() throws Exception {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			int threads = 8;
			int perThread = 300;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			ConcurrentHashMap<Long, byte[]> written = new ConcurrentHashMap<>();
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long base = t * 1_000_000L;
				futures.add(pool.submit(() -> {
					long previous = -1;
					for (int i = 0; i < perThread; i++) {
						byte[] e = entry(base + i);
						long seq = log.append(List.of(e));
						assertThat(seq).isGreaterThan(previous);
						previous = seq;
						written.put(seq, e);
					}
				}));
			}
			for (Future<?> f : futures) {
				f.get();
			}
			pool.shutdown();
			assertThat(log.length()).isEqualTo(threads * perThread);
			assertThat(written).hasSize(threads * perThread);
			written.forEach((seq, e) -> assertThat(log.read(seq)).isEqualTo(e));
			log.verify();
			// Appends that queued while another thread's batch was being forced were committed together.
			assertThat(frames(log)).isLessThan(threads * perThread);
		}
	}

	@Test
	void largeBatchesAreSplitIntoBoundedFrames() {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			byte[] big = new byte[Frame.MAX_ENTRY];
			List<byte[]> batch = new ArrayList<>(Collections.nCopies(9, big));
			assertThat(log.append(batch)).isZero();
			assertThat(log.length()).isEqualTo(9);
			log.verify();
			assertThatThrownBy(() -> log.append(List.of(new byte[Frame.MAX_ENTRY + 1])))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("at most " + Frame.MAX_ENTRY);
		}
	}

	@Test
	void namesAreValidatedAndKeepTheirKeys() {
		String key;
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			assertThatThrownBy(() -> store.writer("no/slashes")).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("no/slashes");
			key = store.writer("orders").key().toString();
			assertThat(store.writer("orders").key().toString()).isEqualTo(key);
			assertThat(store.writer("other").key().toString()).isNotEqualTo(key);
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			assertThat(store.writer("orders").key().toString()).isEqualTo(key);
			assertThat(store.logs()).hasSize(2);
		}
	}

	@Test
	void secondDatabaseOnTheSameDirectoryIsRefused() {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			assertThatThrownBy(() -> LogStore.open(this.dir, LogTesting.options())).isInstanceOf(KappaException.class)
				.hasMessageContaining("in use by another kappa database");
		}
	}

	@Test
	void secretKeyIsOwnerOnly() throws Exception {
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("default");
			Path secret = this.dir.resolve("logs").resolve(log.key().toString()).resolve("secret.key");
			assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
				.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
			assertThat(java.nio.file.Files.size(secret)).isEqualTo(32);
		}
	}

	@Test
	void everyFsyncPolicyRoundTrips() {
		for (FsyncPolicy policy : FsyncPolicy.values()) {
			Path sub = this.dir.resolve(policy.name());
			try (LogStore store = LogStore.open(sub, LogTesting.options().withFsync(policy))) {
				store.writer("default").append(entries(0, 10));
			}
			try (LogStore store = LogStore.open(sub, LogTesting.options().withFsync(policy))) {
				assertThat(store.writer("default").length()).isEqualTo(10);
				store.writer("default").verify();
			}
		}
	}

	/** The number of signed batch frames in the log's data file. */
	private static int frames(SignedLog log) throws java.io.IOException {
		byte[] data = java.nio.file.Files.readAllBytes(log.dir().resolve(LogFiles.DATA_FILE));
		int frames = 0;
		for (int pos = LogFiles.DATA_HEADER; pos + Frame.HEADER <= data.length; pos += Frame.getInt(data, pos + 4)) {
			frames++;
		}
		return frames;
	}
}
