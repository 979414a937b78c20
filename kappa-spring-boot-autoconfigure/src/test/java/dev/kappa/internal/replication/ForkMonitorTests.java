package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fork found during replication reaches the node's monitor (events, the forks counter) with its evidence. */
class ForkMonitorTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	record Fork(LogKey log, String peer, Path evidence) {
	}

	@Test
	void aForkFoundByEitherSideIsReportedToItsMonitorWithTheEvidenceFile() throws Exception {
		Path original = this.dir.resolve("a");
		LogKey forked = ReplicationTesting.twinnedWriter(original, this.dir.resolve("twin"));
		List<Fork> forks = new CopyOnWriteArrayList<>();
		KappaMonitor recording = new KappaMonitor() {
			@Override
			public void forkDetected(LogKey log, String peer, Path evidence) {
				forks.add(new Fork(log, peer, evidence));
			}
		};
		Path victimDir = this.dir.resolve("victim");
		Path twinDir = this.dir.resolve("twin");
		try (TestNode a = TestNode.client(original, this.key, o -> o);
				LogStore twinStore = LogStore.open(twinDir, LogOptions.defaults());
				Replicator twin = new Replicator(twinStore, options(twinDir, this.key), recording);
				LogStore victimStore = LogStore.open(victimDir, LogOptions.defaults());
				Replicator victim = new Replicator(victimStore,
						options(victimDir, this.key).withServer("127.0.0.1", 0, null), recording)) {
			victim.start();
			java.net.URI server = java.net.URI.create("tcp://127.0.0.1:" + victim.port());
			append(a.store.writer("default"), 100, 3, 3);
			append(twinStore.writer("default"), 200, 4, 2);
			a.replicator.replicate(server).get(30, TimeUnit.SECONDS);

			assertThat(twin.replicate(server)).failsWithin(30, TimeUnit.SECONDS);

			await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !forks.isEmpty());
			assertThat(forks).singleElement().satisfies(fork -> {
				assertThat(fork.log()).isEqualTo(forked);
				assertThat(fork.peer()).isNotBlank();
				assertThat(Files.readString(fork.evidence())).contains("\"log\": \"" + forked + "\"");
			});
		}
	}
}
