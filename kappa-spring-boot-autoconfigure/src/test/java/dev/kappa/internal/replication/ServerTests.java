package dev.kappa.internal.replication;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server's port unification, its lifecycle, and the per-session cap on logs. */
class ServerTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	@Test
	void otherHttpPathsGet404AndOtherProtocolsAreClosed() throws Exception {
		try (WarnCapture warnings = new WarnCapture();
				TestNode node = TestNode.server(this.dir.resolve("n"), this.key, o -> o)) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.replicator.port() + "/other")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(404);
			try (Socket socket = new Socket("127.0.0.1", node.replicator.port())) {
				socket.getOutputStream().write("HELO there\r\n".getBytes(StandardCharsets.US_ASCII));
				InputStream in = socket.getInputStream();
				assertThat(in.read()).isEqualTo(-1);
			}
			await().untilAsserted(() -> assertThat(warnings.warnings())
				.anySatisfy(w -> assertThat(w).contains("neither a kappa replication session nor an HTTP request")));
		}
	}

	@Test
	void stopReleasesThePortAndStartBindsAgain() throws Exception {
		try (TestNode node = TestNode.server(this.dir.resolve("n"), this.key, o -> o);
				TestNode client = TestNode.client(this.dir.resolve("c"), this.key, o -> o)) {
			assertThat(node.replicator.port()).isPositive();
			node.replicator.stop();
			assertThat(node.replicator.port()).isEqualTo(-1);
			node.replicator.start();
			append(node.store.writer("x"), 0, 3, 3);
			assertThat(client.replicator.replicate(node.ws()).get(30, TimeUnit.SECONDS).entriesReceived()).isEqualTo(3);
		}
	}

	@Test
	void aPeerAnnouncingMoreLogsThanTheCapIsClosed() throws Exception {
		try (WarnCapture warnings = new WarnCapture();
				TestNode victim = TestNode.server(this.dir.resolve("v"), this.key,
						o -> o.withLimits(o.maxMessageBytes(), o.chunkBytes(), o.windowBytes(), 2));
				TestNode flood = TestNode.client(this.dir.resolve("f"), this.key, o -> o)) {
			for (String name : new String[] { "a", "b", "c" }) {
				append(flood.store.writer(name), 0, 1, 1);
			}
			assertThat(flood.replicator.replicate(victim.tcp())).failsWithin(30, TimeUnit.SECONDS);
			await().untilAsserted(() -> assertThat(warnings.warnings())
				.anySatisfy(w -> assertThat(w).contains("announced more than 2 logs in one session")));
			assertThat(victim.store.logs()).isEmpty();
			try (var dirs = java.nio.file.Files.list(victim.dir.resolve("logs"))) {
				assertThat(dirs).as("no empty replica on disk").isEmpty();
			}
		}
	}

	@Test
	void aNodeHoldsAtMostMaxLogsAndReplicatesTheRest() throws Exception {
		try (WarnCapture warnings = new WarnCapture();
				TestNode victim = TestNode.server(this.dir.resolve("v"), this.key, o -> o.withMaxLogs(3));
				TestNode peer = TestNode.client(this.dir.resolve("p"), this.key, o -> o)) {
			append(victim.store.writer("own"), 0, 1, 1);
			for (String name : new String[] { "a", "b", "c", "d", "e" }) {
				append(peer.store.writer(name), 0, 2, 2);
			}
			ReplicationResult result = peer.replicator.replicate(victim.tcp()).get(30, TimeUnit.SECONDS);
			assertThat(result.entriesSent()).isEqualTo(4);
			assertThat(victim.store.logs()).hasSize(3).allSatisfy(l -> assertThat(l.length()).isPositive());
			assertThat(peer.store.logs()).hasSize(6); // the victim's own log went the other way
			assertThat(warnings.warnings()).anySatisfy(w -> assertThat(w).contains("kappa.replication.max-logs"));
		}
	}
}
