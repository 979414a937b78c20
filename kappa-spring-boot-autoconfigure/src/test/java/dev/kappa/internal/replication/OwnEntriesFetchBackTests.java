package dev.kappa.internal.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A writer whose recovery cut lost entries it had published fetches them back from a peer over real sockets
 * (docs/replication.md, "A writer that lost its own entries"), then appends again without signing a seq twice.
 */
class OwnEntriesFetchBackTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void aWriterThatLostPublishedEntriesFetchesThemBackFromAPeerAndResumesWithoutSigningASeqTwice() throws Exception {
		try (TestNode peer = TestNode.server(this.dir.resolve("peer"), this.key, o -> o)) {
			LogKey log = writeAndLoseFrames5And6(w -> w.replicator.replicate(peer.tcp()).get(30, TimeUnit.SECONDS));
			assertThat(peer.store.find(log).orElseThrow().length()).isEqualTo(60);
			try (TestNode writer = reopenWriter()) {
				SignedLog own = writer.store.writer("default");
				var result = writer.replicator.replicate(peer.tcp()).get(30, TimeUnit.SECONDS);
				assertThat(result.entriesReceived()).isEqualTo(20);
				assertThat(own.length()).isEqualTo(60);
				assertThat(own.awaitingOwnEntries()).isFalse();
				own.verify();
				assertThat(own.read(45)).isEqualTo(peer.store.find(log).orElseThrow().read(45));

				assertThat(own.append(List.of(entry(60), entry(61)))).isEqualTo(60);
				writer.replicator.replicate(peer.tcp()).get(30, TimeUnit.SECONDS);
				SignedLog held = peer.store.find(log).orElseThrow();
				assertThat(held.length()).as("the peer took seq 60 and 61: nothing was signed twice").isEqualTo(62);
				held.verify();
				assertThat(held.head().treeHash()).isEqualTo(own.head().treeHash());
				assertThat(peer.dir.resolve("forks")).doesNotExist();
				assertThat(writer.dir.resolve("forks")).doesNotExist();
			}
		}
	}

	@Test
	void anArchiveOfTheLogRestoresTheLostEntriesThroughTheSameReceivePath() throws Exception {
		Path backup = this.dir.resolve("backup.kappa");
		LogKey log = writeAndLoseFrames5And6(w -> w.replicator.exportLogs(backup));
		try (TestNode writer = reopenWriter()) {
			SignedLog own = writer.store.writer("default");
			assertThat(writer.replicator.importLogs(backup).entriesReceived()).isEqualTo(20);
			assertThat(own.length()).isEqualTo(60);
			assertThat(own.awaitingOwnEntries()).isFalse();
			own.verify();
			assertThat(own.append(List.of(entry(60)))).isEqualTo(60);
			assertThat(writer.replicator.importLogs(backup).entriesReceived()).as("its own log is writable again").isZero();
			assertThat(own.key()).isEqualTo(log);
		}
	}

	@Test
	void inALiveSessionTheWritersOwnEntriesSentBackAfterItResumedAreSkipped() throws Exception {
		try (WarnCapture warnings = new WarnCapture();
				TestNode peer = TestNode.server(this.dir.resolve("peer"), this.key, o -> o)) {
			LogKey log = writeAndLoseFrames5And6(w -> w.replicator.replicate(peer.tcp()).get(30, TimeUnit.SECONDS));
			try (TestNode writer = reopenWriter(o -> o.withPeers(List.of(peer.tcp())))) {
				SignedLog own = writer.store.writer("default");
				writer.replicator.start();
				await().until(() -> !own.awaitingOwnEntries());
				assertThat(own.append(List.of(entry(60), entry(61)))).isEqualTo(60);
				SignedLog held = peer.store.find(log).orElseThrow();
				await().until(() -> held.length() == 62);
				// The peer serves the writer's subscription from the WANT it sent while awaiting: seq 60 and 61
				// come back, are held already, and the session goes on.
				append(own, 62, 3, 3);
				await().until(() -> held.length() == 65);
				assertThat(writer.replicator.sessionCount()).isEqualTo(1);
				assertThat(warnings.warnings()).noneMatch(w -> w.contains("closed"));
				held.verify();
			}
		}
	}

	/** A writer "default" of 60 entries in six frames, published by {@code publish}; then its last two frames are lost. */
	private LogKey writeAndLoseFrames5And6(Publish publish) throws Exception {
		LogKey log;
		try (TestNode writer = new TestNode(writerDir(), ReplicationTesting.options(writerDir(), this.key))) {
			SignedLog own = writer.store.writer("default");
			append(own, 0, 60, 10);
			log = own.key();
			publish.to(writer);
		}
		// A flipped bit in the length of frame 5 (entries 40..49): a cut there may lose published entries.
		Path data = writerDir().resolve("logs").resolve(log.toString()).resolve("log.dat");
		damageFrameLength(data, 4);
		return log;
	}

	/** The writer reopened with the cut allowed: it holds 40 entries, awaits its own and refuses appends. */
	private TestNode reopenWriter() {
		return reopenWriter(o -> o);
	}

	private TestNode reopenWriter(UnaryOperator<ReplicationOptions> customize) {
		TestNode writer = new TestNode(writerDir(), customize.apply(ReplicationTesting.options(writerDir(), this.key)),
				LogOptions.defaults().withAllowCut(true));
		SignedLog own = writer.store.writer("default");
		assertThat(own.length()).isEqualTo(40);
		assertThat(own.awaitingOwnEntries()).isTrue();
		assertThatThrownBy(() -> own.append(List.of(entry(40)))).hasMessageContaining("refuses appends")
			.hasMessageContaining("from seq 40");
		return writer;
	}

	private Path writerDir() {
		return this.dir.resolve("writer");
	}

	private interface Publish {

		void to(TestNode writer) throws Exception;
	}

	/**
	 * Flips a bit in the length field of the batch frame number {@code frame} of a log.dat (after its 64-byte
	 * header, each frame's u32 little-endian length at +4): it then looks torn, but may not be.
	 */
	private static void damageFrameLength(Path data, int frame) throws IOException {
		byte[] bytes = Files.readAllBytes(data);
		int at = 64;
		for (int i = 0; i < frame; i++) {
			at += (bytes[at + 4] & 0xff) | (bytes[at + 5] & 0xff) << 8 | (bytes[at + 6] & 0xff) << 16
					| (bytes[at + 7] & 0xff) << 24;
		}
		bytes[at + 5] ^= 0x40;
		Files.write(data, bytes);
	}
}
