package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.kappa.core.LogKey;
import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.assertSameLogs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A writer that signs two histories is reported as a fork; an interrupted transfer resumes cleanly. */
class ForkAndResumeTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void aSecondSignedHistoryIsReportedWithEvidenceAndNothingIsStored() throws Exception {
		Path original = this.dir.resolve("a");
		// The writer's key, copied to a second machine, signs a different continuation there.
		LogKey forked = ReplicationTesting.twinnedWriter(original, this.dir.resolve("twin"));
		try (WarnCapture warnings = new WarnCapture();
				TestNode a = TestNode.client(original, this.key, o -> o);
				TestNode twin = TestNode.client(this.dir.resolve("twin"), this.key, o -> o);
				TestNode victim = TestNode.server(this.dir.resolve("victim"), this.key, o -> o)) {
			append(a.store.writer("default"), 100, 3, 3);
			append(twin.store.writer("default"), 200, 4, 2);
			a.replicator.replicate(victim.tcp()).get(30, TimeUnit.SECONDS);
			assertThat(victim.store.find(forked).orElseThrow().length()).isEqualTo(8);

			CompletableFuture<ReplicationResult> second = twin.replicator.replicate(victim.tcp());

			assertThat(second).failsWithin(30, TimeUnit.SECONDS)
				.withThrowableThat()
				.havingRootCause()
				.withMessageContaining("fork");
			SignedLog held = victim.store.find(forked).orElseThrow();
			assertThat(held.length()).isEqualTo(8);
			held.verify();
			assertThat(held.head().treeHash()).isEqualTo(a.store.writer("default").head().treeHash());
			// Whichever side compares first (the victim at the twin's entries, or the twin at the victim's head)
			// keeps the evidence; both close the session with a WARN naming the fork.
			List<Path> evidence = new java.util.ArrayList<>();
			for (Path forks : List.of(victim.dir.resolve("forks"), twin.dir.resolve("forks"))) {
				if (Files.isDirectory(forks)) {
					try (Stream<Path> files = Files.list(forks)) {
						evidence.addAll(files.toList());
					}
				}
			}
			assertThat(evidence).singleElement().satisfies(file -> {
				assertThat(file.getFileName().toString()).startsWith(forked.toString()).endsWith(".json");
				assertThat(Files.readString(file)).contains("\"log\": \"" + forked + "\"")
					.contains("\"theirs\"")
					.contains("\"ours\": {\"length\": ");
			});
			await().untilAsserted(() -> assertThat(warnings.warnings()).filteredOn(w -> w.contains("a fork")).hasSize(2));
		}
	}

	@Test
	void aSenderStoppedMidTransferResumesWithoutDuplicatesOrCorruption() throws Exception {
		Path senderDir = this.dir.resolve("sender");
		LogKey logKey;
		long total = 100_000;
		// The receiver's window (64 KiB) bounds what arrives after its session is held, whatever the sender's speed.
		try (TestNode receiver = TestNode.client(this.dir.resolve("receiver"), this.key,
				o -> o.withLimits(o.maxMessageBytes(), o.chunkBytes(), 64 * 1024, o.maxLogsPerSession()))) {
			CompletableFuture<ReplicationResult> first;
			long atKill;
			try (TestNode sender = TestNode.server(senderDir, this.key, o -> o.withLimits(o.maxMessageBytes(), 4096, 64 * 1024, 100))) {
				SignedLog log = sender.store.writer("big");
				append(log, 0, total, 500);
				logKey = log.key();
				// Hold the receiver's session after its first stored chunk, so the sender stops mid-transfer for sure
				// (its window lets at most 64 KiB more arrive).
				java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
				java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
				dev.kappa.internal.log.LogStore.Listener hold = (l, length) -> {
					stored.countDown();
					try {
						stopped.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				};
				receiver.store.addListener(hold);
				first = receiver.replicator.replicate(sender.tcp());
				assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
				sender.replicator.stop();
				atKill = receiver.store.find(logKey).orElseThrow().length();
				receiver.store.removeListener(hold);
				stopped.countDown();
			}
			assertThat(first).failsWithin(30, TimeUnit.SECONDS);
			assertThat(atKill).isBetween(1L, total - 1);
			long before = receiver.store.find(logKey).orElseThrow().length();
			assertThat(before).isLessThan(total);
			try (TestNode sender = TestNode.server(senderDir, this.key, o -> o)) {
				ReplicationResult second = receiver.replicator.replicate(sender.tcp()).get(60, TimeUnit.SECONDS);
				SignedLog copy = receiver.store.find(logKey).orElseThrow();
				assertThat(copy.length()).isEqualTo(total);
				assertThat(second.entriesReceived()).isEqualTo(total - before);
				copy.verify();
				assertSameLogs(sender.store, receiver.store);
				for (long seq : new long[] { 0, atKill - 1, atKill, total - 1 }) {
					assertThat(copy.read(seq)).isEqualTo(ReplicationTesting.entry(seq));
				}
			}
		}
	}
}
