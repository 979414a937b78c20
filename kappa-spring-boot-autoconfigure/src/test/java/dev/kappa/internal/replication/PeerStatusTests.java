package dev.kappa.internal.replication;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.PeerStatus;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Peer status and progress while a live peer syncs, goes away and comes back. */
class PeerStatusTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void aSyncShowsProgressRisingToAllThenLiveThenBackingOffThenReconnectsWithinTwoSeconds() {
		Path aDir = this.dir.resolve("a");
		TestNode a = TestNode.server(aDir, this.key, o -> o);
		int port = a.replicator.port();
		append(a.store.writer("a"), 0, 100_000, 1000);
		URI uri = URI.create("tcp://127.0.0.1:" + port);

		AtomicReference<Replicator> bReplicator = new AtomicReference<>();
		List<PeerStatus> duringSync = new CopyOnWriteArrayList<>();
		AtomicInteger unreachable = new AtomicInteger();
		KappaMonitor sampler = new KappaMonitor() {
			@Override
			public void sessionRejected(String peer, String reason) {
				if (reason.equals("unreachable")) {
					unreachable.incrementAndGet();
				}
			}

			@Override
			public void transferred(Direction direction, long entries, long bytes) {
				Replicator r = bReplicator.get();
				if (direction == Direction.RECEIVED && entries > 0 && r != null) {
					duringSync.addAll(r.peers());
				}
			}
		};
		try (LogStore bStore = LogStore.open(this.dir.resolve("b"), LogOptions.defaults());
				// The default reconnect schedule (500 ms doubling to 30 s), as an application has it.
				Replicator b = new Replicator(bStore,
						ReplicationOptions.defaults(this.dir.resolve("b"), this.key).withPeers(List.of(uri)), sampler)) {
			bReplicator.set(b);
			b.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> b.peers().get(0).state() == PeerStatus.State.LIVE);

			PeerStatus live = b.peers().get(0);
			assertThat(live.address()).isEqualTo(uri.toString());
			assertThat(live.dialled()).isTrue();
			assertThat(live.entriesAnnounced()).isEqualTo(100_000);
			assertThat(live.entriesReceived()).isEqualTo(100_000);
			assertThat(live.progress()).isEqualTo(1.0);
			assertThat(live.lastSynced()).isNotNull();
			// Sampled after each stored chunk: the progress rose through partial values to all.
			assertThat(duringSync).isNotEmpty();
			assertThat(duringSync).allMatch(s -> s.entriesAnnounced() == 100_000);
			assertThat(duringSync).anyMatch(s -> s.state() == PeerStatus.State.SYNCING && s.progress() > 0
					&& s.progress() < 1);
			assertThat(duringSync.stream().mapToLong(PeerStatus::entriesReceived).toArray()).isSorted();

			a.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> b.peers().get(0).state() == PeerStatus.State.BACKING_OFF);
			PeerStatus down = b.peers().get(0);
			assertThat(down.nextAttempt()).isNotNull();
			assertThat(down.lastSynced()).isEqualTo(live.lastSynced());
			// Several refused attempts must not push the next one far away (doubling would make it 8 s).
			await().atMost(Duration.ofSeconds(20)).until(() -> unreachable.get() >= 4);

			try (TestNode again = TestNode.server(aDir, this.key, o -> o.withServer("127.0.0.1", port, null))) {
				long restarted = System.nanoTime();
				await().atMost(Duration.ofSeconds(2)).until(() -> b.peers().get(0).state() == PeerStatus.State.LIVE);
				System.out.printf("Reconnected %d ms after the peer came back%n", (System.nanoTime() - restarted) / 1_000_000);
				assertThat(b.peers().get(0).entriesAnnounced()).isZero();
			}
		}
		finally {
			if (a.replicator.port() >= 0) {
				a.close();
			}
		}
	}
}
