package dev.kappa.internal.hypercore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.hypercore.NodeHarness.NodeProcess;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transfer rates of docs/hypercore.md, from one run: blocks "entry-i" downloaded Node -> kappa, kappa -> Node
 * and Node -> Node (the baseline), 100,000 and 1,000,000 blocks. Not a test: off unless
 * {@code -Dkappa.hypercore.throughput=true} ({@code -Dkappa.hypercore.throughput.blocks=100000} for one size); prints one
 * line per measurement as it is made. Timings only, no assertions on them.
 */
@EnabledIfSystemProperty(named = "kappa.hypercore.throughput", matches = "true")
class HypercoreThroughputTests {

	private static final Duration LONG = Duration.ofMinutes(10);

	@TempDir
	Path dir;

	@Test
	void measure() {
		for (String size : System.getProperty("kappa.hypercore.throughput.blocks", "100000,1000000").split(",")) {
			int n = Integer.parseInt(size.trim());
			System.out.println("THROUGHPUT " + nodeToNode(n));
			System.out.println("THROUGHPUT " + kappaToNode(n));
			System.out.println("THROUGHPUT " + nodeToKappa(n));
		}
	}

	private static String line(String direction, int n, long millis) {
		return String.format("%-14s %,10d blocks %8.1f s %,10.0f blocks/s", direction, n, millis / 1000.0, n * 1000.0 / millis);
	}

	private String nodeToNode(int n) {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", String.valueOf(n), "--compat")) {
			JsonNode served = writer.next(LONG);
			try (NodeProcess reader = NodeHarness.start("read.js", "--port", served.get("port").asString(), "--key",
					served.get("key").asString(), "--n", String.valueOf(n))) {
				return line("node -> node", n, reader.next(LONG).get("ms").asLong());
			}
		}
	}

	private String kappaToNode(int n) {
		try (LogStore store = LogStore.open(this.dir.resolve("serve-" + n), LogOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
			SignedLog log = store.writer("default");
			for (int i = 0; i < n; i += 1000) {
				List<byte[]> batch = new ArrayList<>();
				for (int j = i; j < Math.min(n, i + 1000); j++) {
					batch.add(("entry-" + j).getBytes(StandardCharsets.UTF_8));
				}
				log.append(batch);
			}
			try (HypercoreNode node = new HypercoreNode(store, Ed25519.KeyPair.generate(),
					HypercoreOptions.defaults().withPort(0).withBindAddress("127.0.0.1").withExpose(List.of("default")))) {
				node.start();
				try (NodeProcess reader = NodeHarness.start("read.js", "--port", String.valueOf(node.port()), "--key",
						log.key().toString(), "--n", String.valueOf(n))) {
					return line("kappa -> node", n, reader.next(LONG).get("ms").asLong());
				}
			}
		}
	}

	private String nodeToKappa(int n) {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", String.valueOf(n), "--compat");
				LogStore store = LogStore.open(this.dir.resolve("follow-" + n), LogOptions.defaults().withFsync(FsyncPolicy.NEVER))) {
			JsonNode served = writer.next(LONG);
			LogKey key = LogKey.parse(served.get("key").asString());
			StringBuilder problem = new StringBuilder();
			try (HypercoreNode node = new HypercoreNode(store, Ed25519.KeyPair.generate(), HypercoreOptions.defaults()
				.withPeers(List.of(URI.create("tcp://127.0.0.1:" + served.get("port").asInt())))
				.withFollow(List.of(key)))) {
				node.onFollowProblem((k, p) -> problem.append(p));
				long t0 = System.nanoTime();
				node.start();
				await().atMost(LONG).until(() -> held(store, key) == n || problem.length() > 0);
				long millis = (System.nanoTime() - t0) / 1_000_000;
				if (problem.length() > 0) {
					return String.format("%-14s %,10d blocks  not measured: %s", "node -> kappa", n, problem);
				}
				assertThat(held(store, key)).isEqualTo(n);
				return line("node -> kappa", n, millis);
			}
		}
	}

	/** The entries held of {@code key} (the log is created by the first verified download). */
	private static long held(LogStore store, LogKey key) {
		return store.find(key).map(SignedLog::length).orElse(0L);
	}
}
