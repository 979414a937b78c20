package dev.kappa.internal.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.assertSameLogs;
import static dev.kappa.internal.replication.ReplicationTesting.sameLengths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Live sessions: new entries and new logs spread along a line of nodes and keep flowing. */
class LiveReplicationTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void threeNodesInALineConvergeIncludingALogCreatedMidSession() {
		try (TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o)) {
			append(b.store.writer("b"), 0, 500, 100);
			try (TestNode a = TestNode.server(this.dir.resolve("a"), this.key, o -> o.withPeers(List.of(b.tcp())));
					TestNode c = TestNode.server(this.dir.resolve("c"), this.key, o -> o.withPeers(List.of(b.ws())))) {
				append(a.store.writer("a"), 0, 3_000, 1000);
				append(c.store.writer("c"), 0, 10, 1);

				await().atMost(Duration.ofSeconds(30)).until(() -> a.store.logs().size() == 3
						&& sameLengths(a.store, b.store) && sameLengths(b.store, c.store));

				// A log created on A while the sessions are open reaches C through B.
				SignedLog late = a.store.writer("late");
				append(late, 0, 42, 5);
				// And entries appended on C reach A.
				append(c.store.writer("c"), 10, 90, 30);
				await().atMost(Duration.ofSeconds(30)).until(() -> c.store.find(late.key()).map(SignedLog::length).orElse(0L) == 42
						&& sameLengths(a.store, b.store) && sameLengths(b.store, c.store));
				assertSameLogs(a.store, c.store);
				assertSameLogs(b.store, c.store);
				assertThat(c.store.logs()).hasSize(4);
				assertThat(c.store.find(late.key()).orElseThrow().writable()).isFalse();
				assertThat(b.replicator.sessionCount()).isEqualTo(2);
			}
		}
	}

	@Test
	void anIdleLiveSessionIsKeptOpenByKeepAlives() {
		try (ReplicationTesting.WarnCapture warnings = new ReplicationTesting.WarnCapture();
				TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)));
				TestNode a = TestNode.server(this.dir.resolve("a"), this.key,
						o -> o.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300)).withPeers(List.of(b.tcp())))) {
			await().until(() -> b.replicator.sessionCount() == 1 && a.replicator.sessionCount() == 1);
			// Several idle timeouts pass without entries: the keep-alives keep the session.
			await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(10))
				.until(() -> b.replicator.sessionCount() == 1 && a.replicator.sessionCount() == 1);
			SignedLog log = a.store.writer("after-idle");
			append(log, 0, 3, 3);
			await().until(() -> b.store.find(log.key()).map(SignedLog::length).orElse(0L) == 3);
			assertThat(warnings.warnings()).isEmpty();
		}
	}

	@Test
	void aLivePeerThatIsDownIsRedialledUntilItComesUp() throws Exception {
		Path bDir = this.dir.resolve("b");
		int port;
		try (TestNode b = TestNode.server(bDir, this.key, o -> o)) {
			port = b.replicator.port();
		}
		java.net.URI uri = java.net.URI.create("tcp://127.0.0.1:" + port);
		try (TestNode a = TestNode.server(this.dir.resolve("a"), this.key, o -> o.withPeers(List.of(uri)))) {
			append(a.store.writer("a"), 0, 100, 10);
			try (TestNode b = TestNode.server(bDir, this.key, o -> o.withServer("127.0.0.1", port, null))) {
				await().atMost(Duration.ofSeconds(30)).until(() -> sameLengths(a.store, b.store));
				assertSameLogs(a.store, b.store);
			}
		}
	}
}
