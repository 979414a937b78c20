package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.assertSameLogs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Export of all logs to one file and verified import. */
class LogArchiveTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void anExportImportsIntoAnotherNodeIdenticallyAndOnlyOnce() {
		Path file = this.dir.resolve("all.kappa");
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key, o -> o);
				TestNode b = TestNode.client(this.dir.resolve("b"), this.key, o -> o)) {
			append(a.store.writer("one"), 0, 30_000, 1000);
			append(a.store.writer("two"), 0, 5, 1);
			a.store.writer("empty");
			ReplicationResult written = a.replicator.exportLogs(file);
			assertThat(written.entriesSent()).isEqualTo(30_005);
			assertThat(written.bytesSent()).isEqualTo(fileSize(file));

			ReplicationResult read = b.replicator.importLogs(file);
			assertThat(read.logsReceived()).isEqualTo(2);
			assertThat(read.entriesReceived()).isEqualTo(30_005);
			assertThat(b.store.logs()).hasSize(2);
			assertThat(b.store.logs()).allSatisfy(log -> {
				assertThat(log.writable()).isFalse();
				SignedLog original = a.store.find(log.key()).orElseThrow();
				assertThat(log.head().treeHash()).isEqualTo(original.head().treeHash());
				log.verify();
			});
			assertThat(b.replicator.importLogs(file).entriesReceived()).isZero();
			// Importing one's own export leaves the writable logs alone.
			assertThat(a.replicator.importLogs(file).entriesReceived()).isZero();
			a.store.writer("empty").append(java.util.List.of(ReplicationTesting.entry(1)));
			b.replicator.importLogs(writeAgain(a, file));
			assertSameLogs(a.store, b.store);
		}
	}

	@Test
	void aTamperedOrTruncatedArchiveIsRefusedAndNothingUnverifiedIsStored() throws Exception {
		Path file = this.dir.resolve("all.kappa");
		// 1 KiB chunks: each 1,000-entry batch frame is exported as a chunk of its own (at least one frame)
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key,
				o -> o.withLimits(o.maxMessageBytes(), 1024, o.windowBytes(), o.maxLogsPerSession()));
				TestNode b = TestNode.client(this.dir.resolve("b"), this.key, o -> o);
				TestNode c = TestNode.client(this.dir.resolve("c"), this.key, o -> o)) {
			SignedLog log = a.store.writer("one");
			append(log, 0, 2_000, 1000);
			a.replicator.exportLogs(file);
			byte[] bytes = Files.readAllBytes(file);

			byte[] tampered = bytes.clone();
			tampered[bytes.length - 200] ^= 1; // inside an entry of the last chunk
			Path bad = Files.write(this.dir.resolve("bad.kappa"), tampered);
			assertThatThrownBy(() -> b.replicator.importLogs(bad)).isInstanceOf(ReplicationException.class)
				.hasMessageContaining("Cannot import " + bad)
				.hasMessageContaining("signature does not verify");
			// The first batch verified and is kept; the tampered second one was not stored.
			assertThat(b.store.find(log.key()).orElseThrow().length()).isEqualTo(1000);
			b.store.find(log.key()).orElseThrow().verify();

			Path cut = Files.write(this.dir.resolve("cut.kappa"), Arrays.copyOf(bytes, bytes.length - 100));
			assertThatThrownBy(() -> c.replicator.importLogs(cut)).hasMessageContaining("truncated");
			assertThat(c.store.find(log.key()).orElseThrow().length()).isEqualTo(1000);

			Path other = Files.write(this.dir.resolve("other.kappa"), "not an archive".getBytes());
			assertThatThrownBy(() -> c.replicator.importLogs(other)).hasMessageContaining("not a kappa log archive");
		}
	}

	private static Path writeAgain(TestNode node, Path file) {
		node.replicator.exportLogs(file);
		return file;
	}

	private static long fileSize(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
