package dev.kappa.internal.replication;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.FollowedLogs;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static dev.kappa.internal.replication.ReplicationTesting.assertSameLogs;
import static org.assertj.core.api.Assertions.assertThat;

/** One-shot replication between two stores over TCP, WebSocket and streams. */
class ReplicationTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@ParameterizedTest
	@ValueSource(strings = { "tcp", "ws" })
	void twoStoresExchangeAllLogsBothWaysAndEndIdentical(String scheme) throws Exception {
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key, o -> o);
				TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o)) {
			SignedLog a1 = a.store.writer("one");
			append(a1, 0, 5_000, 1000);
			append(a.store.writer("two"), 0, 7, 3);
			append(b.store.writer("three"), 0, 2_500, 100);
			URI uri = scheme.equals("tcp") ? b.tcp() : b.ws();

			ReplicationResult result = a.replicator.replicate(uri).get(30, TimeUnit.SECONDS);

			assertSameLogs(a.store, b.store);
			assertThat(a.store.logs()).hasSize(3);
			assertThat(result.peer()).startsWith(scheme + "://127.0.0.1:");
			assertThat(result.logsReceived()).isEqualTo(1);
			assertThat(result.entriesReceived()).isEqualTo(2_500);
			assertThat(result.entriesSent()).isEqualTo(5_007);
			assertThat(result.bytesReceived()).isPositive();
			assertThat(result.bytesSent()).isGreaterThan(5_007L * 40);
			assertThat(b.store.find(a1.key()).orElseThrow().writable()).isFalse();
			assertThat(a1.writable()).isTrue();

			// Again, after more entries on one side: only the new ones travel.
			append(b.store.writer("three"), 2_500, 10, 10);
			ReplicationResult again = a.replicator.replicate(uri).get(30, TimeUnit.SECONDS);
			assertThat(again.entriesReceived()).isEqualTo(10);
			assertThat(again.entriesSent()).isZero();
			assertThat(again.logsReceived()).isZero();
			assertSameLogs(a.store, b.store);
		}
	}

	@Test
	void logsFollowedFromHypercoreThatThisProtocolCannotCarryAreNotPassedOn() throws Exception {
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key, o -> o);
				TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o)) {
			SignedLog own = a.store.writer("one");
			append(own, 0, 5, 5);
			SignedLog manifest = FollowedLogs.manifestLog(a.store, 3, 4);
			SignedLog group = FollowedLogs.groupLog(a.store, 4);

			ReplicationResult result = a.replicator.replicate(b.tcp()).get(30, TimeUnit.SECONDS);

			assertThat(result.entriesSent()).isEqualTo(5);
			assertThat(b.store.find(own.key()).orElseThrow().length()).isEqualTo(5);
			assertThat(b.store.find(manifest.key())).isEmpty();
			assertThat(b.store.find(group.key())).isEmpty();
		}
	}

	@Test
	void replicatingWithNothingOnEitherSideFinishes() throws Exception {
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key, o -> o);
				TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o)) {
			ReplicationResult result = a.replicator.replicate(b.tcp()).get(30, TimeUnit.SECONDS);
			assertThat(result.entriesReceived()).isZero();
			assertThat(result.entriesSent()).isZero();
			assertThat(a.store.logs()).isEmpty();
			assertThat(b.store.logs()).isEmpty();
		}
	}

	@Test
	void streamApiRunsTheSameProtocolOverPipes() throws Exception {
		try (TestNode a = TestNode.client(this.dir.resolve("a"), this.key, o -> o);
				TestNode b = TestNode.client(this.dir.resolve("b"), this.key, o -> o)) {
			append(a.store.writer("one"), 0, 20_000, 1000);
			append(b.store.writer("two"), 0, 300, 7);
			PipedInputStream aIn = new PipedInputStream(64 * 1024);
			PipedOutputStream bOut = new PipedOutputStream(aIn);
			PipedInputStream bIn = new PipedInputStream(64 * 1024);
			PipedOutputStream aOut = new PipedOutputStream(bIn);

			CompletableFuture<ReplicationResult> left = a.replicator.replicate(true, aIn, aOut);
			CompletableFuture<ReplicationResult> right = b.replicator.replicate(false, bIn, bOut);

			ReplicationResult ra = left.get(30, TimeUnit.SECONDS);
			ReplicationResult rb = right.get(30, TimeUnit.SECONDS);
			assertSameLogs(a.store, b.store);
			assertThat(ra.peer()).isEqualTo("stream");
			assertThat(ra.entriesReceived()).isEqualTo(300);
			assertThat(ra.entriesSent()).isEqualTo(20_000);
			assertThat(rb.entriesReceived()).isEqualTo(20_000);
			assertThat(rb.entriesSent()).isEqualTo(300);
			assertThat(ra.bytesSent()).isEqualTo(rb.bytesReceived());
			assertThat(rb.bytesSent()).isEqualTo(ra.bytesReceived());
		}
	}

	@Test
	void aDifferentNetworkKeyFailsCleanlyOnBothSides() throws Exception {
		try (ReplicationTesting.WarnCapture warnings = new ReplicationTesting.WarnCapture();
				TestNode a = TestNode.client(this.dir.resolve("a"), NetworkKey.generate(), o -> o);
				TestNode b = TestNode.server(this.dir.resolve("b"), this.key, o -> o)) {
			append(a.store.writer("one"), 0, 10, 10);
			append(b.store.writer("two"), 0, 10, 10);

			CompletableFuture<ReplicationResult> result = a.replicator.replicate(b.tcp());

			assertThat(result).failsWithin(30, TimeUnit.SECONDS)
				.withThrowableThat()
				.havingRootCause()
				.isInstanceOf(ReplicationException.class)
				.withMessageContaining("tcp://127.0.0.1:" + b.replicator.port())
				.withMessageContaining("network key");
			org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(warnings.warnings())
				.anySatisfy(w -> assertThat(w).contains("did not authenticate").contains("wrong network key")));
			assertThat(a.store.logs()).hasSize(1);
			assertThat(b.store.logs()).hasSize(1);
		}
	}
}
