package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * A writer whose recovery cut may have lost entries it had published awaits its own entries: it refuses
 * appends, takes verified chunks of its own key from a peer that holds them, and appends again once it holds
 * every entry it is known to have had (docs/format.md, "A writer never signs a seq twice").
 */
class OwnEntriesTests {

	private static final LogOptions ALLOW_CUT = LogTesting.options().withAllowCut(true);

	@TempDir
	Path dir;

	private Path writer;

	private Path peer;

	private LogKey key;

	/** 60 entries in six frames, all replicated to the peer; then the writer's last two frames are lost. */
	@BeforeEach
	void writeAndReplicate() throws IOException {
		this.writer = this.dir.resolve("writer");
		this.peer = this.dir.resolve("peer");
		try (LogStore w = LogStore.open(this.writer, LogTesting.options());
				LogStore p = LogStore.open(this.peer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			for (int i = 0; i < 6; i++) {
				log.append(entries(i * 10L, 10));
			}
			this.key = log.key();
			copy(log, p.replica(this.key), 60);
		}
		// a flipped bit in the length of frame 5 (entries 40..49): recovery may cut there only when allowed
		flip(logDir().resolve(LogFiles.DATA_FILE), LogTesting.frameOffsets(logDir()).get(4) + 5);
	}

	@Test
	void aCutWriterFetchesItsOwnEntriesBackFromAPeerAndThenAppends() throws IOException {
		try (LogStore w = LogStore.open(this.writer, ALLOW_CUT);
				LogStore p = LogStore.open(this.peer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			SignedLog held = p.find(this.key).orElseThrow();
			assertThat(log.length()).isEqualTo(40);
			assertThat(log.awaitingOwnEntries()).isTrue();
			assertThat(log.awaitedLength()).isEqualTo(60); // log.idx showed 60 entries before the cut
			assertThatThrownBy(() -> log.append(entries(40, 1))).hasMessageContaining("refuses appends")
				.hasMessageContaining("from seq 40").hasMessageContaining("up to length 60");
			copy(held, log, 50);
			assertThat(log.awaitingOwnEntries()).isTrue();
			assertThatThrownBy(() -> log.append(entries(50, 1))).hasMessageContaining("refuses appends");
			copy(held, log, 60);
			assertThat(log.awaitingOwnEntries()).isFalse();
			assertThat(log.awaitedLength()).isEqualTo(-1);
			assertThat(logDir().resolve(LossyCut.FILE)).doesNotExist();
			assertThat(log.append(entries(60, 1))).isEqualTo(60);
			log.verify();
			assertThat(log.read(45)).isEqualTo(entry(45));
			EntryBatch again = held.readChunk(50, 1, new EntryBatch());
			assertThatThrownBy(() -> log.appendVerified(50, values(again), 0, again.signature(), null))
				.isInstanceOf(RejectedEntriesException.class).hasMessageContaining("our own writable log");
		}
		try (LogStore w = LogStore.open(this.writer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			assertThat(log.length()).isEqualTo(61);
			assertThat(log.awaitingOwnEntries()).isFalse();
			assertThat(log.append(entries(61, 1))).isEqualTo(61);
		}
	}

	@Test
	void aVerifiedHeadAnnouncedByAPeerRaisesTheLengthAwaited() throws IOException {
		// without log.idx and log.recovery nothing on this node shows the log had more than 40 entries
		Files.delete(logDir().resolve(LogFiles.INDEX_FILE));
		Files.delete(logDir().resolve(RecoveryPoint.FILE));
		try (LogStore w = LogStore.open(this.writer, ALLOW_CUT);
				LogStore p = LogStore.open(this.peer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			SignedLog held = p.find(this.key).orElseThrow();
			assertThat(log.awaitedLength()).isEqualTo(41);
			LogHead head = held.head();
			byte[] forged = head.signature().clone();
			forged[3] ^= 1;
			assertThat(log.ownHeadAnnounced(head.length(), 0, head.treeHash(), forged)).isFalse();
			assertThat(log.awaitedLength()).isEqualTo(41);
			assertThat(log.ownHeadAnnounced(head.length(), 0, head.treeHash(), head.signature())).isTrue();
			assertThat(log.awaitedLength()).isEqualTo(60);
			copy(held, log, 50);
			assertThat(log.awaitingOwnEntries()).isTrue();
			copy(held, log, 60);
			assertThat(log.awaitingOwnEntries()).isFalse();
			assertThat(log.append(entries(60, 1))).isEqualTo(60);
		}
	}

	@Test
	void theLengthAwaitedOutlivesARestartAndTamperedChunksAreRefused() throws IOException {
		try (LogStore w = LogStore.open(this.writer, ALLOW_CUT)) {
			assertThat(w.writer("default").awaitedLength()).isEqualTo(60);
		}
		assertThat(Files.readString(logDir().resolve(LossyCut.FILE))).isEqualTo("40\nawaiting 60\n");
		try (LogStore w = LogStore.open(this.writer, LogTesting.options());
				LogStore p = LogStore.open(this.peer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			assertThat(log.awaitingOwnEntries()).isTrue();
			assertThat(log.awaitedLength()).isEqualTo(60);
			EntryBatch chunk = p.find(this.key).orElseThrow().readChunk(40, 1 << 20, new EntryBatch());
			List<byte[]> values = values(chunk);
			values.get(3)[values.get(3).length - 2] ^= 1;
			assertThatThrownBy(() -> log.appendVerified(40, values, 0, chunk.signature(), null))
				.isInstanceOf(RejectedEntriesException.class).hasMessageContaining("does not verify");
			assertThat(log.length()).isEqualTo(40);
			assertThat(log.awaitingOwnEntries()).isTrue();
		}
	}

	@Test
	void aLogCutFileOfAnOlderVersionAwaitsOneEntryPastTheCut() throws IOException {
		try (LogStore w = LogStore.open(this.writer, ALLOW_CUT)) {
			assertThat(w.writer("default").length()).isEqualTo(40);
		}
		Files.writeString(logDir().resolve(LossyCut.FILE), "40\n", StandardCharsets.UTF_8);
		try (LogStore w = LogStore.open(this.writer, LogTesting.options())) {
			SignedLog log = w.writer("default");
			assertThat(log.awaitedLength()).isEqualTo(41);
			assertThatThrownBy(() -> log.append(entries(40, 1))).hasMessageContaining("from seq 40");
		}
	}

	@Test
	void entriesFetchedBackBeforeACrashEndTheWaitAtTheNextOpen() throws IOException {
		Path image = this.dir.resolve("image");
		try (LogStore w = LogStore.open(this.writer, ALLOW_CUT);
				LogStore p = LogStore.open(this.peer, LogTesting.options())) {
			copy(p.find(this.key).orElseThrow(), w.writer("default"), 60);
			dev.kappa.TestFiles.copy(this.writer, image);
		}
		// the crash image: the entries are back, but log.cut was written again (as before it was deleted)
		Path cut = image.resolve("logs").resolve(this.key.toString()).resolve(LossyCut.FILE);
		Files.writeString(cut, "40\nawaiting 60\n", StandardCharsets.UTF_8);
		try (LogStore w = LogStore.open(image, LogTesting.options())) {
			SignedLog log = w.writer("default");
			assertThat(log.awaitingOwnEntries()).isFalse();
			assertThat(cut).doesNotExist();
			assertThat(log.append(entries(60, 1))).isEqualTo(60);
		}
	}

	/** Copies {@code source} into {@code target} frame by frame, as replication does, up to at least {@code until}. */
	private static void copy(SignedLog source, SignedLog target, long until) {
		EntryBatch chunk = new EntryBatch();
		while (target.length() < until) {
			source.readChunk(target.length(), 1, chunk); // one frame per chunk
			target.appendVerified(chunk.first(), values(chunk), 0, chunk.signature(), null);
		}
	}

	private static List<byte[]> values(EntryBatch chunk) {
		List<byte[]> values = new ArrayList<>();
		for (int i = 0; i < chunk.count(); i++) {
			values.add(chunk.copy(i));
		}
		return values;
	}

	private Path logDir() {
		return this.writer.resolve("logs").resolve(this.key.toString());
	}

}
