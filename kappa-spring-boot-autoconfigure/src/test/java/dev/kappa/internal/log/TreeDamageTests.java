package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

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
 * Damage to {@code log.tree} (derived data) found when the log is opened is never used: before the first node
 * from before the open is used, the tree is checked against the signed roots and repaired from {@code log.dat}.
 * 50 entries in five frames: roots 31 (entries 0..31), 79 (32..47) and 97 (48..49).
 */
class TreeDamageTests {

	@TempDir
	Path dir;

	private Path storage;

	private LogKey key;

	private byte[] intactTree;

	@BeforeEach
	void writeLog() throws IOException {
		this.storage = this.dir.resolve("db");
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			for (int i = 0; i < 5; i++) {
				log.append(entries(i * 10L, 10));
			}
			this.key = log.key();
		}
		this.intactTree = Files.readAllBytes(file(LogFiles.TREE_FILE));
	}

	@Test
	void aFlippedBitInALeafHashIsRepairedAndTheEntryServed() throws IOException {
		flip(file(LogFiles.TREE_FILE), TreeFile.position(2 * 7) + 1);
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.read(7)).isEqualTo(entry(7));
			EntryBatch batch = log.read(0, 20, 1 << 20, new EntryBatch());
			assertThat(batch.count()).isEqualTo(20);
			assertThat(batch.copy(7)).isEqualTo(entry(7));
			log.verify();
		}
		assertThat(Files.readAllBytes(file(LogFiles.TREE_FILE))).isEqualTo(this.intactTree);
	}

	@Test
	void aFlippedBitInAParentNodeIsRepairedBeforeItIsServed() throws IOException {
		List<TreeNode> intact;
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			intact = store.writer("default").rootsAt(12); // nodes 7 (0..7) and 19 (8..11)
		}
		flip(file(LogFiles.TREE_FILE), TreeFile.position(19) + 30);
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.rootsAt(12)).isEqualTo(intact);
			assertThat(log.treeNode(19)).isEqualTo(intact.get(1));
			log.verify();
		}
		assertThat(Files.readAllBytes(file(LogFiles.TREE_FILE))).isEqualTo(this.intactTree);
	}

	@Test
	void aFlippedBitInALeafSizeIsRepairedBeforeTheNodeIsServed() throws IOException {
		flip(file(LogFiles.TREE_FILE), TreeFile.position(2 * 33) + 32);
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.treeNode(2 * 33).size()).isEqualTo(entry(33).length);
			assertThat(log.append(entries(50, 1))).isEqualTo(50);
			log.verify();
		}
		assertThat(Files.readAllBytes(file(LogFiles.TREE_FILE))).startsWith(this.intactTree);
	}

	@Test
	void anEntryThatDisagreesWithAnIntactTreeFailsTheReadNamingTheDataFileAndOffset() throws IOException {
		// a changed entry whose frame checksum was recomputed: the open (which checks checksums) cannot see it
		long entryZero = changeEntryKeepingTheChecksum(0);
		Path data = file(LogFiles.DATA_FILE);
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			assertThat(log.read(5)).isEqualTo(entry(5));
			assertThatThrownBy(() -> log.read(0)).isInstanceOf(CorruptLogException.class)
				.hasMessageContaining("the data file is damaged (the first entry that differs from its leaf hash is 0)")
				.satisfies(ex -> assertThat(((CorruptLogException) ex).file()).isEqualTo(data))
				.satisfies(ex -> assertThat(((CorruptLogException) ex).offset()).isEqualTo(entryZero));
		}
	}

	@Test
	void damageToTheTreeAndToAnEntryTogetherFailsNamingTheDataFileAndTheEntry() throws IOException {
		flip(file(LogFiles.TREE_FILE), TreeFile.position(2 * 7) + 1);
		long entryZero = changeEntryKeepingTheChecksum(0);
		try (LogStore store = LogStore.open(this.storage, LogTesting.options())) {
			SignedLog log = store.writer("default");
			for (int attempt = 0; attempt < 2; attempt++) {
				assertThatThrownBy(() -> log.read(7)).isInstanceOf(CorruptLogException.class)
					.hasMessageContaining("the data file is damaged")
					.satisfies(ex -> assertThat(((CorruptLogException) ex).file()).isEqualTo(file(LogFiles.DATA_FILE)))
					.satisfies(ex -> assertThat(((CorruptLogException) ex).offset()).isEqualTo(entryZero));
			}
		}
	}

	/** Changes a byte of entry {@code seq} of the first frame and recomputes its CRC32C; returns the entry's offset. */
	private long changeEntryKeepingTheChecksum(int seq) throws IOException {
		int frame = LogFiles.DATA_HEADER;
		Path data = file(LogFiles.DATA_FILE);
		byte[] bytes = Files.readAllBytes(data);
		int length = Frame.frameLength(bytes, frame);
		int at = frame + Frame.entriesOffset(Frame.count(bytes, frame));
		for (int i = 0; i < seq; i++) {
			at += Frame.entryLength(bytes, frame, i);
		}
		bytes[at + 20] ^= 1;
		CRC32C crc = new CRC32C();
		crc.update(bytes, frame, length - 4);
		Frame.putInt(bytes, frame + length - 4, (int) crc.getValue());
		Files.write(data, bytes);
		return at;
	}

	private Path file(String name) {
		return this.storage.resolve("logs").resolve(this.key.toString()).resolve(name);
	}

}
