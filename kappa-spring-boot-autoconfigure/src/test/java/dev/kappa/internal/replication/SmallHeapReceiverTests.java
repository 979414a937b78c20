package dev.kappa.internal.replication;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** In-flight data is bounded: a receiver in a JVM with a 128 MiB heap takes 100,000 entries. */
class SmallHeapReceiverTests {

	@TempDir
	Path dir;

	@Test
	void aReceiverWithA128MiBHeapReplicates100000Entries() throws Exception {
		NetworkKey key = NetworkKey.generate();
		Path receiverDir = this.dir.resolve("receiver");
		try (TestNode sender = TestNode.server(this.dir.resolve("sender"), key, o -> o)) {
			SignedLog log = sender.store.writer("kv");
			ReplicationTesting.append(log, 0, 100_000, 1000);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
					ReceiverMain.class.getName(), receiverDir.toString(), key.toHex(), sender.tcp().toString())
				.redirectErrorStream(true)
				.start();
			List<String> output = new ArrayList<>();
			try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = in.readLine()) != null;) {
					output.add(line);
				}
			}
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(process.exitValue()).as("exit value; output: %s", output).isZero();
			assertThat(output).anySatisfy(line -> assertThat(line).startsWith("RESULT 100000 max-heap "));
			try (LogStore received = LogStore.open(receiverDir, LogOptions.defaults())) {
				SignedLog copy = received.find(log.key()).orElseThrow();
				assertThat(copy.length()).isEqualTo(100_000);
				assertThat(copy.head().treeHash()).isEqualTo(log.head().treeHash());
				copy.verify();
			}
		}
	}
}
