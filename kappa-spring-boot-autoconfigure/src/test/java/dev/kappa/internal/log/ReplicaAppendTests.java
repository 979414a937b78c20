package dev.kappa.internal.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.TestFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a replica accepts from a peer, and what it refuses. */
class ReplicaAppendTests {

	@TempDir
	Path dir;

	/** Copies the source log into the replica chunk by chunk, as replication does. */
	private static void copy(SignedLog source, SignedLog replica, int maxBytes) {
		EntryBatch chunk = new EntryBatch();
		while (replica.length() < source.length()) {
			source.readChunk(replica.length(), maxBytes, chunk);
			List<byte[]> values = new ArrayList<>();
			for (int i = 0; i < chunk.count(); i++) {
				values.add(chunk.copy(i));
			}
			replica.appendVerified(chunk.first(), values, 0, chunk.signature(), null);
		}
	}

	@Test
	void chunksEndAtSignedFramesAndVerify() {
		try (LogStore a = LogStore.open(this.dir.resolve("a"), LogTesting.options());
				LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options())) {
			SignedLog source = a.writer("default");
			for (int i = 0; i < 30; i++) {
				source.append(entries(i * 7L, 7));
			}
			SignedLog replica = b.replica(source.key());
			copy(source, replica, 500);
			assertThat(replica.length()).isEqualTo(210);
			assertThat(replica.writable()).isFalse();
			replica.verify();
			assertThat(replica.head().treeHash()).isEqualTo(source.head().treeHash());
			for (int i = 0; i < 210; i += 13) {
				assertThat(replica.read(i)).isEqualTo(source.read(i));
			}
		}
		try (LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options())) {
			assertThat(b.logs()).singleElement().satisfies(log -> {
				assertThat(log.length()).isEqualTo(210);
				assertThat(log.writable()).isFalse();
			});
		}
	}

	@Test
	void aReplicaCanServeFromItsOwnFrameBoundaries() {
		try (LogStore a = LogStore.open(this.dir.resolve("a"), LogTesting.options());
				LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options());
				LogStore c = LogStore.open(this.dir.resolve("c"), LogTesting.options())) {
			SignedLog source = a.writer("default");
			source.append(entries(0, 100));
			source.append(entries(100, 100));
			SignedLog middle = b.replica(source.key());
			copy(source, middle, 1 << 20);
			SignedLog last = c.replica(source.key());
			EntryBatch chunk = new EntryBatch();
			source.readChunk(0, 1, chunk); // first frame only: 100 entries
			List<byte[]> values = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				values.add(chunk.copy(i));
			}
			assertThatThrownBy(() -> last.appendVerified(0, values, 0, chunk.signature(), null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("signature does not verify");
			copy(middle, last, 1 << 20);
			assertThat(last.head().treeHash()).isEqualTo(source.head().treeHash());
		}
	}

	@Test
	void refusesTamperedEntriesAndStoresNothing() {
		try (LogStore a = LogStore.open(this.dir.resolve("a"), LogTesting.options());
				LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options())) {
			SignedLog source = a.writer("default");
			source.append(entries(0, 10));
			SignedLog replica = b.replica(source.key());
			EntryBatch chunk = source.readChunk(0, 1 << 20, new EntryBatch());
			List<byte[]> values = new ArrayList<>();
			for (int i = 0; i < chunk.count(); i++) {
				values.add(chunk.copy(i));
			}
			values.get(3)[20] ^= 1;
			assertThatThrownBy(() -> replica.appendVerified(0, values, 0, chunk.signature(), null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("entries 0..9 of log " + source.key());
			assertThat(replica.length()).isZero();
		}
	}

	@Test
	void refusesEntriesForItsOwnWritableLogAndOutOfOrderChunks() {
		try (LogStore a = LogStore.open(this.dir.resolve("a"), LogTesting.options());
				LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options())) {
			SignedLog source = a.writer("default");
			source.append(entries(0, 10));
			source.append(entries(10, 10));
			EntryBatch chunk = source.readChunk(10, 1 << 20, new EntryBatch());
			List<byte[]> values = new ArrayList<>();
			for (int i = 0; i < chunk.count(); i++) {
				values.add(chunk.copy(i));
			}
			assertThatThrownBy(() -> source.appendVerified(20, values, 0, chunk.signature(), null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("our own writable log");
			SignedLog replica = b.replica(source.key());
			assertThatThrownBy(() -> replica.appendVerified(10, values, 0, chunk.signature(), null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("start at seq 10 but the log holds 0");
		}
	}

	@Test
	void aWriterSigningTwoHistoriesIsReportedAsAFork() throws Exception {
		Path original = this.dir.resolve("a");
		LogHead firstHead;
		dev.kappa.core.LogKey key;
		try (LogStore a = LogStore.open(original, LogTesting.options())) {
			SignedLog source = a.writer("default");
			source.append(entries(0, 5));
			key = source.key();
			firstHead = source.head();
		}
		// The same writer key, copied to a second machine, writes a different continuation.
		TestFiles.copy(original, this.dir.resolve("twin"));
		try (LogStore a = LogStore.open(original, LogTesting.options());
				LogStore twin = LogStore.open(this.dir.resolve("twin"), LogTesting.options());
				LogStore b = LogStore.open(this.dir.resolve("b"), LogTesting.options())) {
			a.writer("default").append(entries(100, 3));
			twin.writer("default").append(entries(200, 2));
			LogHead twinAtSeven = twin.writer("default").head();
			twin.writer("default").append(entries(202, 2));
			SignedLog replica = b.replica(key);
			copy(a.writer("default"), replica, 1 << 20);
			SignedLog other = twin.writer("default");
			// Announced state: the twin's head verifies but disagrees at a length we hold.
			LogHead head = other.head();
			assertThat(replica.checkAnnounced(firstHead.length(), 0, firstHead.treeHash(), firstHead.signature())).isTrue();
			assertThat(replica.checkAnnounced(7, 0, twinAtSeven.treeHash(), new byte[64])).isFalse();
			assertThatThrownBy(() -> replica.checkAnnounced(7, 0, twinAtSeven.treeHash(), twinAtSeven.signature()))
				.isInstanceOf(ForkException.class);
			assertThat(head.length()).isEqualTo(9);
			// Entries after our length with their roots: a verifiable second history.
			try (LogStore c = LogStore.open(this.dir.resolve("c"), LogTesting.options())) {
				SignedLog fresh = c.replica(key);
				copy(a.writer("default"), fresh, 1 << 20);
				EntryBatch chunk = other.readChunk(8, 1 << 20, new EntryBatch());
				assertThatThrownBy(() -> fresh.appendVerified(8, List.of(chunk.copy(0)), 0, chunk.signature(), other.rootsAt(8)))
					.isInstanceOf(ForkException.class)
					.hasMessageContaining("has forked")
					.satisfies(ex -> assertThat(((ForkException) ex).evidence().theirLength()).isEqualTo(9));
				assertThat(fresh.length()).isEqualTo(8);
			}
		}
	}
}
