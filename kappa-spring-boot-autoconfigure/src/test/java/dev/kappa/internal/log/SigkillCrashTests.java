package dev.kappa.internal.log;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real process appending in a loop is killed with SIGKILL, three times over on the same directory. After
 * each kill the reopened log holds every acknowledged entry, in place, and verifies.
 */
@DisabledOnOs(OS.WINDOWS)
class SigkillCrashTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "single", "batch", "threads" })
	void everyAcknowledgedEntrySurvivesSigkill(String mode) throws Exception {
		Map<Long, Long> acked = new HashMap<>();
		long nextId = 0;
		for (int round = 0; round < 3; round++) {
			int before = acked.size();
			nextId = runAndKill(mode, nextId, acked);
			assertThat(acked.size()).as("round %d acknowledged entries", round).isGreaterThan(before);
			try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
				SignedLog log = store.writer("default");
				assertThat(log.length()).isGreaterThanOrEqualTo(acked.size());
				for (Map.Entry<Long, Long> e : acked.entrySet()) {
					assertThat(log.read(e.getKey())).as("entry %d", e.getKey()).isEqualTo(LogTesting.entry(e.getValue()));
				}
				log.verify();
			}
		}
	}

	/** Runs the appender until it has acknowledged some entries, kills it; returns the next unused id. */
	private long runAndKill(String mode, long firstId, Map<Long, Long> acked) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CrashingAppender.class.getName(), this.dir.toString(), Long.toString(firstId), mode)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		int target = 200 + ThreadLocalRandom.current().nextInt(800);
		long maxId = firstId;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int seen = 0;
			while ((line = in.readLine()) != null) {
				if (line.startsWith("ACK ")) {
					String[] parts = line.split(" ");
					long seq = Long.parseLong(parts[1]);
					long id = Long.parseLong(parts[2]);
					acked.put(seq, id);
					maxId = Math.max(maxId, id);
					if (++seen >= target) {
						process.destroyForcibly(); // SIGKILL
						break;
					}
				}
			}
		}
		process.waitFor();
		assertThat(process.exitValue()).isEqualTo(137);
		return maxId + 1000;
	}
}
