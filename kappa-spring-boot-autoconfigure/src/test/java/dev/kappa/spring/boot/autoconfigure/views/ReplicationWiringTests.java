package dev.kappa.spring.boot.autoconfigure.views;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.ReplicationResult;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.view.builtin.LastWriterWinsKvView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two Spring contexts replicating over real sockets: their logs and views end up identical. */
class ReplicationWiringTests {

	private static final String KEY = "ab".repeat(32);

	@TempDir
	Path dir;

	private ApplicationContextRunner node(String name, String... properties) {
		return ViewsContext.runner(this.dir.resolve(name))
			.withUserConfiguration(LastWriterWinsKvView.class)
			.withPropertyValues("kappa.replication.network-key=" + KEY)
			.withPropertyValues(properties);
	}

	private static int port(AssertableApplicationContext context) {
		return context.getEnvironment().getRequiredProperty("local.kappa.replication.port", Integer.class);
	}

	private static List<String> kv(AssertableApplicationContext context) throws Exception {
		context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
		return context.getBean(JdbcTemplate.class)
			.queryForList("SELECT * FROM \"kappa_kv\"")
			.stream()
			.map(Object::toString)
			.sorted()
			.toList();
	}

	private static void write(AssertableApplicationContext context, String log, int from, int count) {
		for (int i = from; i < from + count; i++) {
			context.getBean(Kappa.class).writer(log).append(new KvPut("k" + (i % 7), log + "-" + i));
		}
	}

	@Test
	void oneShotOverTcpAndOverWebSocketBothWays() {
		node("a", "kappa.replication.port=0").run(a -> {
			assertThat(port(a)).isPositive();
			write(a, "a", 0, 40);
			node("b").run(b -> {
				write(b, "b", 0, 30);
				Kappa kappa = b.getBean(Kappa.class);
				ReplicationResult tcp = kappa.replicate(URI.create("tcp://127.0.0.1:" + port(a))).get(30, TimeUnit.SECONDS);
				assertThat(tcp.entriesReceived()).isEqualTo(40);
				assertThat(tcp.entriesSent()).isEqualTo(30);
				assertThat(kv(b)).hasSize(7).isEqualTo(kv(a));

				write(b, "b", 30, 5);
				write(a, "a", 40, 5);
				ReplicationResult ws = kappa.replicate(URI.create("ws://127.0.0.1:" + port(a) + "/kappa/replicate"))
					.get(30, TimeUnit.SECONDS);
				assertThat(ws.entriesReceived()).isEqualTo(5);
				assertThat(ws.entriesSent()).isEqualTo(5);
				assertThat(kv(b)).isEqualTo(kv(a));
				assertThat(b.getBean(Kappa.class).logs()).hasSize(2);
			});
		});
	}

	@Test
	void livePeersFromPropertiesKeepReplicating() {
		node("a", "kappa.replication.port=0").run(a -> {
			node("b", "kappa.replication.peers=ws://127.0.0.1:" + port(a) + "/kappa/replicate").run(b -> {
				write(a, "a", 0, 10);
				write(b, "b", 0, 10);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(b.getBean(Kappa.class).logs()).hasSize(2);
					assertThat(a.getBean(Kappa.class).logs()).hasSize(2);
					assertThat(kv(b)).isEqualTo(kv(a));
					assertThat(a.getBean(Kappa.class).logs().stream().mapToLong(l -> l.length()).sum()).isEqualTo(20);
				});
				write(a, "a", 10, 3);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(b.getBean(Kappa.class).logs().stream().mapToLong(l -> l.length()).sum()).isEqualTo(23);
					assertThat(kv(b)).isEqualTo(kv(a));
				});
			});
		});
	}

	@Test
	void aPeerWithAnotherNetworkKeyIsRefused() {
		node("a", "kappa.replication.port=0").run(a -> {
			write(a, "a", 0, 3);
			node("b", "kappa.replication.network-key=" + "cd".repeat(32)).run(b -> {
				assertThatThrownBy(() -> b.getBean(Kappa.class).replicate(URI.create("tcp://127.0.0.1:" + port(a)))
					.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasMessageContaining("network key");
				assertThat(b.getBean(Kappa.class).logs()).isEmpty();
			});
		});
	}

	@Test
	void connectionAndLogCapsComeFromTheProperties() {
		node("caps", "kappa.replication.max-connections=10", "kappa.replication.max-connections-per-address=3",
				"kappa.replication.max-logs-per-session=7", "kappa.replication.max-logs=9").run(context -> {
			dev.kappa.internal.replication.ReplicationOptions o = ((dev.kappa.internal.replication.Replicator) context
				.getBean(dev.kappa.internal.engine.KappaDatabase.class).replication()).options();
			assertThat(List.of(o.maxConnections(), o.maxConnectionsPerAddress(), o.maxLogsPerSession(), o.maxLogs()))
				.containsExactly(10, 3, 7, 9);
		});
		node("bad", "kappa.replication.max-connections=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure()))
				.contains("kappa.replication.max-connections");
		});
	}

	@Test
	void wrongReplicationPropertiesFailStartUpNamingTheProperty() {
		node("x", "kappa.replication.network-key=not-hex").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.replication.network-key")
				.doesNotContain("not-hex");
		});
		node("y", "kappa.replication.port=70000").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.replication.port").contains("70000");
		});
		node("z", "kappa.replication.peers=http://example.invalid:1").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.replication.peers")
				.contains("http://example.invalid:1");
		});
	}

	@Test
	void withoutAConfiguredKeyNoneIsMadeUntilReplicationIsUsedThenItIsGeneratedOnceAndKept() throws Exception {
		ApplicationContextRunner runner = ViewsContext.runner(this.dir.resolve("gen"));
		Path keyFile = this.dir.resolve("gen/replication/network.key");
		runner.run(context -> assertThat(context).hasNotFailed());
		assertThat(keyFile).doesNotExist();
		assertThat(this.dir.resolve("gen/replication/node.key")).doesNotExist();
		ApplicationContextRunner serving = runner.withPropertyValues("kappa.replication.port=0",
				"kappa.replication.bind-address=127.0.0.1");
		serving.run(context -> assertThat(context).hasNotFailed());
		assertThat(keyFile).exists();
		assertThat(this.dir.resolve("gen/replication/node.key")).exists();
		String first = java.nio.file.Files.readString(keyFile);
		serving.run(context -> assertThat(context).hasNotFailed());
		assertThat(java.nio.file.Files.readString(keyFile)).isEqualTo(first);
	}

	@Test
	void aReplicateCallMakesTheKeysOnFirstUse() throws Exception {
		node("a", "kappa.replication.port=0", "kappa.replication.bind-address=127.0.0.1").run(a -> {
			ViewsContext.runner(this.dir.resolve("b")).run(b -> {
				assertThat(this.dir.resolve("b/replication/network.key")).doesNotExist();
				// b's own generated key differs from a's, so the handshake fails; the keys are made all the same
				assertThat(b.getBean(Kappa.class).replicate(URI.create("tcp://127.0.0.1:" + port(a))))
					.failsWithin(Duration.ofSeconds(30));
				assertThat(this.dir.resolve("b/replication/network.key")).exists();
				assertThat(this.dir.resolve("b/replication/node.key")).exists();
			});
		});
	}

	@Test
	void aNetworkKeyFileCopiedFromAnotherNodeLetsItReplicate() throws Exception {
		ApplicationContextRunner a = ViewsContext.runner(this.dir.resolve("a"))
			.withUserConfiguration(LastWriterWinsKvView.class)
			.withPropertyValues("kappa.replication.port=0", "kappa.replication.bind-address=127.0.0.1");
		a.run(context -> {
			write(context, "wa", 0, 5);
			Path copy = java.nio.file.Files.copy(this.dir.resolve("a/replication/network.key"), this.dir.resolve("copied.key"));
			ViewsContext.runner(this.dir.resolve("b"))
				.withUserConfiguration(LastWriterWinsKvView.class)
				.withPropertyValues("kappa.replication.network-key-file=" + copy)
				.run(b -> {
					b.getBean(Kappa.class).replicate(URI.create("tcp://127.0.0.1:" + port(context))).get(30, TimeUnit.SECONDS);
					assertThat(kv(b)).isEqualTo(kv(context));
					assertThat(this.dir.resolve("b/replication/network.key")).doesNotExist();
				});
		});
	}

	@Test
	void bothANetworkKeyAndAKeyFileFailClearly() {
		node("both", "kappa.replication.network-key-file=/nowhere").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.replication.network-key")
				.contains("kappa.replication.network-key-file")
				.doesNotContain(KEY);
		});
	}
}
