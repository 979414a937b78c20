package dev.kappa.internal.replication;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's caps on connections and its one timeout before authentication, over real sockets: the small
 * versions of the floods in issue 9 (the heavy ones are measured by hand, docs/testing.md).
 */
class ConnectionLimitTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	private final List<Socket> sockets = new ArrayList<>();

	private Socket connect(int port, String from, String send) throws IOException {
		Socket socket = new Socket();
		this.sockets.add(socket);
		socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port));
		socket.getOutputStream().write(send.getBytes(StandardCharsets.ISO_8859_1));
		return socket;
	}

	/** Whether the server closed the socket before {@code waitMillis} passed (false: still open). */
	private static boolean closedByServer(Socket socket, int waitMillis) throws IOException {
		socket.setSoTimeout(waitMillis);
		InputStream in = socket.getInputStream();
		try {
			while (true) {
				if (in.read() < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset
		}
	}

	private void closeAll() throws IOException {
		for (Socket s : this.sockets) {
			s.close();
		}
		this.sockets.clear();
	}

	@Test
	void connectionsOverTheCapsAreClosedAtOnceAndCounted() throws Exception {
		try (WarnCapture warnings = new WarnCapture();
				TestNode victim = TestNode.server(this.dir.resolve("v"), this.key,
						o -> o.withConnectionCaps(10, 6).withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60)));
				TestNode client = TestNode.client(this.dir.resolve("c"), this.key, o -> o)) {
			int port = victim.replicator.port();
			ReplicationServer server = victim.replicator.server();
			List<Socket> admitted = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				admitted.add(connect(port, "127.0.0.1", "G"));
				int expected = i + 1;
				await().until(() -> server.openConnections() == expected); // accepted in this order
			}
			Socket overAddressCap = connect(port, "127.0.0.1", "G");
			await().until(() -> server.refusedConnections() == 1);
			for (int i = 0; i < 4; i++) {
				admitted.add(connect(port, "127.0.0.2", "\0"));
				int expected = 7 + i;
				await().until(() -> server.openConnections() == expected);
			}
			Socket overTotalCap = connect(port, "127.0.0.2", "\0");
			// Closed long before the 60 s handshake timeout could have closed them: by the caps.
			assertThat(closedByServer(overAddressCap, 20_000)).isTrue();
			assertThat(closedByServer(overTotalCap, 20_000)).isTrue();
			for (Socket s : admitted) {
				assertThat(closedByServer(s, 100)).as("an admitted connection stays open").isFalse();
			}
			assertThat(victim.replicator.refusedConnections()).isEqualTo(2);
			assertThat(warnings.warnings()).anySatisfy(w -> assertThat(w).contains("refused")
				.contains("kappa.replication.max-connections-per-address"));
			closeAll();
			append(victim.store.writer("w"), 0, 5, 5);
			// The caps are released when the connections close: a real peer gets in again.
			await().atMost(Duration.ofSeconds(30))
				.until(() -> client.replicator.replicate(victim.tcp()).handle((r, ex) -> ex == null).get());
			assertThat(client.store.logs()).singleElement().satisfies(l -> assertThat(l.length()).isEqualTo(5));
		}
		finally {
			closeAll();
		}
	}

	@Test
	void unauthenticatedConnectionsAreClosedAtTheHandshakeTimeoutOnEveryPath() throws Exception {
		ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
		try (WarnCapture warnings = new WarnCapture();
				TestNode victim = TestNode.server(this.dir.resolve("v"), this.key,
				o -> o.withConnectionCaps(1000, 1000).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60)));
				TestNode client = TestNode.client(this.dir.resolve("c"), this.key, o -> o)) {
			int port = victim.replicator.port();
			List<Socket> attackers = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				attackers.add(connect(port, "127.0.0.1", "\0"));
				attackers.add(connect(port, "127.0.0.1", "G"));
			}
			for (int i = 0; i < 40; i++) {
				attackers.add(connect(port, "127.0.0.1", "GET /kappa/replicate HTTP/1.1\r\nHost: x\r\n"));
				Socket slow = connect(port, "127.0.0.1", "GET /kappa/replicate HTTP/1.1\r\n");
				attackers.add(slow);
				trickler.scheduleWithFixedDelay(() -> {
					try {
						slow.getOutputStream().write('X');
					}
					catch (IOException ex) {
						throw new RuntimeException(ex); // closed: stops this trickle
					}
				}, 100, 100, TimeUnit.MILLISECONDS);
			}
			for (Socket s : attackers) {
				assertThat(closedByServer(s, 30_000)).as("closed by the 1 s handshake timeout").isTrue();
			}
			// 280 timeouts within a few seconds: a line a second at most, each counting the ones it stands for.
			assertThat(warnings.warnings()).filteredOn(w -> w.contains("not authenticated within"))
				.isNotEmpty()
				.hasSizeLessThanOrEqualTo(10)
				.allSatisfy(w -> assertThat(w).contains("such connections closed since the last such line"));
			append(victim.store.writer("w"), 0, 5, 5);
			assertThat(client.replicator.replicate(victim.ws()).get(30, TimeUnit.SECONDS).entriesReceived()).isEqualTo(5);
		}
		finally {
			trickler.shutdownNow();
			closeAll();
		}
	}
}
