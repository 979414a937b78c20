package dev.kappa.internal.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.kappa.TestFiles;
import dev.kappa.core.LogKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static dev.kappa.internal.log.LogTesting.entry;
import static dev.kappa.internal.log.LogTesting.flip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Opening a log after a crash or after corruption. A crash image is the files copied while the log is open
 * (what the page cache holds when the process is killed); only its torn tail may be cut. Anything else fails
 * the open with the file and offset.
 */
class LogRecoveryTests {

	private static final int FRAMES = 5;

	private static final int PER_FRAME = 10;

	@TempDir
	Path dir;

	private LogKey key;

	private Path crash;

	private Path clean;

	@BeforeEach
	void writeLogs() throws IOException {
		Path live = this.dir.resolve("live");
		try (LogStore store = LogStore.open(live, LogTesting.options())) {
			SignedLog log = store.writer("default");
			for (int i = 0; i < FRAMES; i++) {
				log.append(entries(i * PER_FRAME, PER_FRAME));
			}
			this.key = log.key();
			this.crash = this.dir.resolve("crash");
			TestFiles.copy(live, this.crash);
		}
		this.clean = this.dir.resolve("clean");
		TestFiles.copy(live, this.clean);
	}

	@Test
	void crashImageReopensWithEverything() throws IOException {
		assertThat(RecoveryPoint.read(logDir(this.crash), "crash").length()).isZero(); // written at creation
		assertReopensWith(this.crash, FRAMES * PER_FRAME);
		assertThat(RecoveryPoint.read(logDir(this.crash), "crash").length()).isEqualTo(FRAMES * PER_FRAME + 3);
	}

	@Test
	void unfinishedLastFrameIsCut() throws IOException {
		Path data = logDir(this.crash).resolve(LogFiles.DATA_FILE);
		truncateBy(data, 200);
		assertReopensWith(this.crash, (FRAMES - 1) * PER_FRAME);
	}

	@Test
	void lastFrameWithoutItsSignatureIsCut() throws IOException {
		Path data = logDir(this.crash).resolve(LogFiles.DATA_FILE);
		truncateBy(data, 30);
		assertReopensWith(this.crash, (FRAMES - 1) * PER_FRAME);
	}

	@Test
	void incompleteFrameHeaderAndZeroTailAreCut() throws IOException {
		Path data = logDir(this.crash).resolve(LogFiles.DATA_FILE);
		try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
			file.setLength(file.length() + 4096);
		}
		assertReopensWith(this.crash, FRAMES * PER_FRAME);
		try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
			file.seek(file.length());
			file.write(new byte[] { 'K', 'B', 'A' });
		}
		assertReopensWith(this.crash, FRAMES * PER_FRAME + 3);
	}

	@Test
	void partialTreeAndIndexAfterTheRecoveryPointAreRebuilt() throws IOException {
		truncateBy(logDir(this.crash).resolve(LogFiles.TREE_FILE), 100);
		truncateBy(logDir(this.crash).resolve(LogFiles.INDEX_FILE), 30);
		assertReopensWith(this.crash, FRAMES * PER_FRAME);
	}

	@Test
	void derivedFilesPartlyWrittenAtACrashAreRebuilt() throws IOException {
		Path live = this.dir.resolve("big");
		Path image = this.dir.resolve("big-crash");
		try (LogStore store = LogStore.open(live, LogTesting.options())) {
			SignedLog log = store.writer("default");
			for (int i = 0; i < 12; i++) {
				log.append(entries(i * 1000L, 1000));
			}
			// index and tree were written behind: some of them are on disk, the newest only in memory
			TestFiles.copy(live, image);
			Path logDir = image.resolve("logs").resolve(log.key().toString());
			assertThat(Files.size(logDir.resolve(LogFiles.INDEX_FILE))).isGreaterThan(OffsetIndex.HEADER)
				.isLessThan(OffsetIndex.position(12_000));
			truncateBy(logDir.resolve(LogFiles.TREE_FILE), 1000);
		}
		try (LogStore store = LogStore.open(image, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.length()).isEqualTo(12_000);
			log.verify();
			assertThat(log.read(11_999)).isEqualTo(entry(11_999));
		}
	}

	@Test
	void flippedByteInDataFailsTheOpen() throws IOException {
		List<Long> frames = frameOffsets(this.clean);
		long offset = frames.get(2) + 60;
		flip(logDir(this.clean).resolve(LogFiles.DATA_FILE), offset);
		assertCorrupt(this.clean, LogFiles.DATA_FILE, frames.get(2), "checksum mismatch in the batch frame of entries 20..29");
		flip(logDir(this.crash).resolve(LogFiles.DATA_FILE), offset);
		assertCorrupt(this.crash, LogFiles.DATA_FILE, frames.get(2), "checksum mismatch");
	}

	@Test
	void flippedByteInTheLastSignatureFailsTheOpen() throws IOException {
		for (Path image : List.of(this.clean, this.crash)) {
			Path data = logDir(image).resolve(LogFiles.DATA_FILE);
			long signatureAt = Files.size(data) - Frame.TRAILER + 5;
			flip(data, signatureAt);
			assertCorrupt(image, LogFiles.DATA_FILE, frameOffsets(image).get(FRAMES - 1), "checksum mismatch");
		}
	}

	@Test
	void signatureThatDoesNotVerifyFailsTheOpenEvenWithAValidChecksum() throws IOException {
		Path data = logDir(this.crash).resolve(LogFiles.DATA_FILE);
		long last = frameOffsets(this.crash).get(FRAMES - 1);
		byte[] bytes = Files.readAllBytes(data);
		int end = bytes.length;
		bytes[end - Frame.TRAILER + 1] ^= 1;
		Frame.putInt(bytes, end - 4, Frame.crc(bytes, (int) last, (int) (end - last)));
		Files.write(data, bytes);
		assertCorrupt(this.crash, LogFiles.DATA_FILE, end - Frame.TRAILER, "does not verify");
	}

	@Test
	void indexThatDisagreesWithDataFailsTheOpen() throws IOException {
		Path index = logDir(this.clean).resolve(LogFiles.INDEX_FILE);
		flip(index, OffsetIndex.position(17) + 2);
		assertCorrupt(this.clean, LogFiles.INDEX_FILE, OffsetIndex.position(17), "disagrees with the data for entry 17");
	}

	@Test
	void derivedFilesShortOrMissingAreRebuiltButATruncatedDataFileFailsTheOpen() throws IOException {
		TestFiles.copy(this.clean, this.dir.resolve("clean2"));
		TestFiles.copy(this.clean, this.dir.resolve("clean3"));
		truncateBy(logDir(this.clean).resolve(LogFiles.TREE_FILE), 40);
		assertReopensWith(this.clean, FRAMES * PER_FRAME);
		Path missing = this.dir.resolve("clean3");
		Files.delete(logDir(missing).resolve(LogFiles.INDEX_FILE));
		Files.delete(logDir(missing).resolve(LogFiles.TREE_FILE));
		assertReopensWith(missing, FRAMES * PER_FRAME);
		Path other = this.dir.resolve("clean2");
		truncateBy(logDir(other).resolve(LogFiles.DATA_FILE), 10);
		assertCorrupt(other, LogFiles.DATA_FILE, -1, "lies outside");
	}

	@Test
	void corruptTreeRootFailsTheOpen() throws IOException {
		// 50 entries: roots 31 (0..31), 79 (32..47), 97 (48..49)
		flip(logDir(this.clean).resolve(LogFiles.TREE_FILE), TreeFile.position(79) + 3);
		assertCorrupt(this.clean, LogFiles.TREE_FILE, -1, "do not match the last batch's signature");
	}

	@Test
	void corruptLeafIsDetectedWhenRead() throws IOException {
		// damage the tree had at the open is repaired when first met (TreeDamageTests); this is damage to a leaf
		// that matched its entry before (the scrub read them all), which is reported
		try (LogStore store = LogStore.open(this.clean, LogTesting.options())) {
			SignedLog log = store.writer("default");
			log.verify();
			assertThat(log.read(6)).isEqualTo(entry(6));
			flip(logDir(this.clean).resolve(LogFiles.TREE_FILE), TreeFile.position(2 * 7) + 1);
			assertThatThrownBy(() -> log.read(7)).isInstanceOf(CorruptLogException.class)
				.hasMessageContaining("entry 7 does not match its leaf hash");
			assertThatThrownBy(() -> log.read(0, 20, 1 << 20, new EntryBatch())).isInstanceOf(CorruptLogException.class)
				.hasMessageContaining("entry 7");
			assertThatThrownBy(log::verify).isInstanceOf(CorruptLogException.class);
		}
	}

	@Test
	void corruptFrameLengthFailsTheOpenWithoutReadingPastIt() throws IOException {
		long second = frameOffsets(this.clean).get(1);
		try (RandomAccessFile raf = new RandomAccessFile(logDir(this.clean).resolve(LogFiles.DATA_FILE).toFile(), "rw")) {
			raf.seek(second + 4);
			raf.write(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f }); // 2 GiB - 1
		}
		assertCorrupt(this.clean, LogFiles.DATA_FILE, second, "invalid batch frame header");
	}

	@Test
	void frameAfterGarbageIsCorruptionNotATornTail() throws IOException {
		Path data = logDir(this.clean).resolve(LogFiles.DATA_FILE);
		long second = frameOffsets(this.clean).get(1);
		flip(data, second); // the magic of frame 2
		assertCorrupt(this.clean, LogFiles.DATA_FILE, second, "bad magic");
	}

	@Test
	void aFlippedBitInTheLastFramesLengthFailsTheOpenUnlessTheCutIsAllowed() throws IOException {
		Path data = logDir(this.clean).resolve(LogFiles.DATA_FILE);
		long last = frameOffsets(this.clean).get(FRAMES - 1);
		flip(data, last + 5); // its length now runs past the end of the file: it looks torn, but is not
		assertCorrupt(this.clean, LogFiles.DATA_FILE, last, "disagrees with its entry lengths");
		LogOptions allowCut = LogTesting.options().withAllowCut(true);
		try (LogStore store = LogStore.open(this.clean, allowCut)) {
			SignedLog log = store.writer("default");
			assertThat(log.length()).isEqualTo((FRAMES - 1) * PER_FRAME);
			log.verify();
			// The writer may have published entries 40..49: it must not sign seq 40 again.
			assertThatThrownBy(() -> log.append(entries(40, 1))).hasMessageContaining("refuses appends")
				.hasMessageContaining("from seq 40").hasMessageContaining(LossyCut.FILE);
		}
		try (LogStore store = LogStore.open(this.clean, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThatThrownBy(() -> log.append(entries(40, 1))).hasMessageContaining("refuses appends");
			Files.delete(logDir(this.clean).resolve(LossyCut.FILE)); // the operator accepts the loss
			assertThat(log.append(entries(40, 1))).isEqualTo(40);
		}
	}

	@Test
	void aCorruptFrameBeforeTheLastIsNeverCutSilently() throws IOException {
		long second = frameOffsets(this.crash).get(1);
		flip(logDir(this.crash).resolve(LogFiles.DATA_FILE), second + 40);
		assertCorrupt(this.crash, LogFiles.DATA_FILE, second, "checksum mismatch");
		try (LogStore store = LogStore.open(this.crash, LogTesting.options().withAllowCut(true))) {
			SignedLog log = store.writer("default");
			assertThat(log.length()).isEqualTo(PER_FRAME);
			assertThatThrownBy(() -> log.append(entries(10, 1))).hasMessageContaining("from seq 10");
		}
	}

	@Test
	void aDataFileCutToItsHeaderIsNotTakenForAnEmptyLog() throws IOException {
		Files.delete(logDir(this.clean).resolve(RecoveryPoint.FILE));
		try (RandomAccessFile raf = new RandomAccessFile(logDir(this.clean).resolve(LogFiles.DATA_FILE).toFile(), "rw")) {
			raf.setLength(LogFiles.DATA_HEADER);
		}
		assertCorrupt(this.clean, LogFiles.DATA_FILE, LogFiles.DATA_HEADER, "log.idx holds 50 entries but the data file only 0");
	}

	@Test
	void aMissingRecoveryPointIsRebuiltByAFullScan() throws IOException {
		Files.delete(logDir(this.clean).resolve(RecoveryPoint.FILE));
		assertReopensWith(this.clean, FRAMES * PER_FRAME);
		Files.delete(logDir(this.crash).resolve(RecoveryPoint.FILE));
		assertReopensWith(this.crash, FRAMES * PER_FRAME);
	}

	// ------------------------------------------------------------------ helpers

	private void assertReopensWith(Path storage, long length) {
		try (LogStore store = LogStore.open(storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.length()).isEqualTo(length);
			log.verify();
			for (int i = 0; i < length; i++) {
				assertThat(log.read(i)).isEqualTo(entry(i));
			}
			long next = log.append(entries(length, 3));
			assertThat(next).isEqualTo(length);
		}
		try (LogStore store = LogStore.open(storage, LogTesting.options())) {
			assertThat(store.writer("default").length()).isEqualTo(length + 3);
			store.writer("default").verify();
		}
		try (LogStore store = LogStore.open(storage, LogTesting.options())) {
			// leave it as it was for a second call
			assertThat(store.writer("default").length()).isEqualTo(length + 3);
		}
	}

	private void assertCorrupt(Path storage, String file, long offset, String problem) {
		assertThatThrownBy(() -> LogStore.open(storage, LogTesting.options()).close())
			.isInstanceOf(CorruptLogException.class)
			.hasMessageContaining("Log " + this.key + " is corrupt")
			.hasMessageContaining(problem)
			.hasMessageContaining(file)
			.satisfies(ex -> {
				CorruptLogException corrupt = (CorruptLogException) ex;
				assertThat(corrupt.file().getFileName().toString()).isEqualTo(file);
				if (offset >= 0) {
					assertThat(corrupt.offset()).isEqualTo(offset);
				}
			});
	}

	private Path logDir(Path storage) {
		return storage.resolve("logs").resolve(this.key.toString());
	}

	private List<Long> frameOffsets(Path storage) throws IOException {
		return LogTesting.frameOffsets(logDir(storage));
	}

	/** Cuts up to {@code bytes} off the end of {@code file}, never into its 16-byte header. */
	private static void truncateBy(Path file, long bytes) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.setLength(Math.max(16, raf.length() - bytes));
		}
	}
}
