package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;

import dev.kappa.core.KappaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An I/O error that may pass (a full disk, no descriptors left) fails the operation that met it, and the
 * next one retries; nothing is lost and the log is never marked failed for it.
 */
class TransientFailureTests {

	@TempDir
	Path dir;

	private final FaultyFileIo io = new FaultyFileIo();

	private LogStore open(LogOptions options) {
		return LogStore.open(this.dir, options.withFileIo(this.io));
	}

	private void healthy() {
		this.io.faults = new FaultyFileIo.Faults() {
		};
	}

	@Test
	void aFullDiskFailsTheAppendThatMetItAndTheNextAppendRetries() throws Exception {
		try (LogStore store = open(LogTesting.options())) {
			SignedLog log = store.writer("w");
			log.append(entries(0, 5));
			// The disk fills up in the middle of the next frame: half of it lands, then ENOSPC.
			this.io.faults = new FaultyFileIo.Faults() {
				@Override
				public int write(Path file, FileChannel channel, long position, int length) {
					return file.endsWith(LogFiles.DATA_FILE) ? length / 2 : length;
				}
			};
			assertThatThrownBy(() -> log.append(entries(5, 50)))
				.isInstanceOf(KappaException.class)
				.hasMessageContaining("No space left on device")
				.hasMessageContaining("the next attempt retries");
			assertThatThrownBy(() -> log.append(entries(5, 1))).hasMessageContaining("No space left on device");
			assertThat(log.length()).isEqualTo(5);
			healthy();
			assertThat(log.append(entries(5, 3))).isEqualTo(5);
			assertThat(log.failure()).isNull();
			assertThat(log.length()).isEqualTo(8);
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("w");
			assertThat(log.length()).isEqualTo(8); // the half-written frame was cut, nothing else
			log.verify();
		}
	}

	@Test
	void aFailedForceFailsTheAppendAndItsFrameIsNotKept() throws Exception {
		try (LogStore store = open(LogTesting.options())) {
			SignedLog log = store.writer("w");
			log.append(entries(0, 2));
			this.io.faults = new FaultyFileIo.Faults() {
				@Override
				public void force(Path file) throws IOException {
					throw new IOException("Input/output error");
				}
			};
			assertThatThrownBy(() -> log.append(entries(2, 2))).hasMessageContaining("Input/output error");
			healthy();
			assertThat(log.append(entries(2, 1))).isEqualTo(2);
		}
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.writer("w");
			assertThat(log.length()).isEqualTo(3);
			log.verify();
		}
	}

	@Test
	void runningOutOfDescriptorsForARecoveryPointDoesNotFailTheLog() throws Exception {
		Path recovery;
		try (LogStore store = open(LogTesting.options().withRecoveryPoints(Duration.ofMillis(1), 1))) {
			SignedLog log = store.writer("w");
			recovery = log.dir().resolve(RecoveryPoint.FILE);
			this.io.faults = new FaultyFileIo.Faults() {
				@Override
				public void open(Path file) throws IOException {
					throw FaultyFileIo.noDescriptors(file);
				}
			};
			for (int i = 0; i < 5; i++) {
				log.append(entries(i, 1)); // the appends succeed; each due recovery point fails
			}
			assertThat(log.failure()).isNull();
			RecoveryPoint stale = RecoveryPoint.read(log.dir(), "w");
			assertThat(stale == null ? 0 : stale.length()).as("no recovery point could be written").isZero();
			healthy();
			log.append(entries(5, 1));
			assertThat(RecoveryPoint.read(log.dir(), "w").length()).isEqualTo(6);
		}
		assertThat(recovery).exists();
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			assertThat(store.writer("w").length()).isEqualTo(6);
		}
	}
}
