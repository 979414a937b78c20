package dev.kappa.internal.log;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Chunks read for peers are checked by their frames' CRC (or leaf hashes for a partial first frame). */
class ChunkReadTests {

	@TempDir
	Path dir;

	@Test
	void chunksFromFrameStartsAndFromTheMiddleOfAFrameCarryTheRightEntries() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			SignedLog log = store.writer("a");
			for (int i = 0; i < 10; i++) {
				log.append(entries(i * 10L, 10));
			}
			EntryBatch chunk = new EntryBatch();
			for (long from : List.of(0L, 10L, 15L, 99L)) {
				log.readChunk(from, 250, chunk);
				assertThat(chunk.first()).isEqualTo(from);
				assertThat(chunk.end() % 10).as("ends at a frame end").isZero();
				for (int i = 0; i < chunk.count(); i++) {
					assertThat(chunk.copy(i)).isEqualTo(LogTesting.entry(from + i));
				}
				assertThat(chunk.signature()).hasSize(64);
			}
		}
	}

	@Test
	void aChunkTakesWholeFramesUpToItsByteBudgetNotJustThoseAmongTheFirstEntries() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			SignedLog log = store.writer("a");
			for (int i = 0; i < 20; i++) {
				log.append(entries(i * 1000L, 1000));
			}
			long frameBytes = FrameWriter.frameLength(entries(0, 1000));
			int fiveFrames = (int) FrameWriter.frameLength(entries(0, 5000)); // the span of frames 0-4 is smaller
			EntryBatch five = log.readChunk(0, fiveFrames, new EntryBatch());
			assertThat(five.count()).as("five whole 1,000-entry frames within their bytes").isEqualTo(5000);
			assertThat(five.copy(4999)).isEqualTo(LogTesting.entry(4999));
			assertThat(log.readChunk(0, 1 << 20, new EntryBatch()).count()).as("1 MiB: many frames").isGreaterThan(10_000);
			EntryBatch three = log.readChunk(500, (int) (3 * frameBytes), new EntryBatch());
			assertThat(three.first()).isEqualTo(500);
			assertThat(three.end()).as("the partial first frame and two more within the budget").isEqualTo(3000);
			assertThat(log.readChunk(0, 1, new EntryBatch()).count()).as("at least one frame").isEqualTo(1000);
		}
	}

	@Test
	void corruptionAfterOpenIsCaughtWhenServing() throws Exception {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			SignedLog log = store.writer("a");
			for (int i = 0; i < 4; i++) {
				log.append(entries(i * 10L, 10));
			}
		}
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			SignedLog log = store.writer("a");
			EntryBatch chunk = log.readChunk(20, 1 << 20, new EntryBatch());
			long entry25 = LogFiles.DATA_HEADER;
			try (RandomAccessFile data = new RandomAccessFile(log.dir().resolve(LogFiles.DATA_FILE).toFile(), "rw")) {
				// flip a byte of entry 25 (third frame) while the log is open
				byte[] ix = new byte[OffsetIndex.ENTRY];
				try (RandomAccessFile index = new RandomAccessFile(log.dir().resolve(LogFiles.INDEX_FILE).toFile(), "r")) {
					index.seek(OffsetIndex.position(25));
					index.readFully(ix);
				}
				entry25 = OffsetIndex.offset(ix, 0) + 3;
				data.seek(entry25);
				int b = data.read();
				data.seek(entry25);
				data.write(b ^ 1);
			}
			assertThat(chunk.count()).isEqualTo(20);
			assertThatThrownBy(() -> log.readChunk(20, 1 << 20, new EntryBatch())).isInstanceOf(CorruptLogException.class)
				.hasMessageContaining("checksum mismatch in the batch frame of entries 20..29");
			assertThatThrownBy(() -> log.readChunk(23, 1 << 20, new EntryBatch())).isInstanceOf(CorruptLogException.class)
				.hasMessageContaining("entry 25 does not match its leaf hash");
			assertThat(log.readChunk(30, 1 << 20, new EntryBatch()).count()).isEqualTo(10);
		}
	}
}
