package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of archive import: a mutated archive either imports or fails with an error naming the file
 * and offset; whatever it stored verifies and is a prefix of the original logs (docs/testing.md).
 */
class ArchiveFuzzTests {

	@TempDir
	Path dir;

	@Test
	void mutatedArchivesSeed4() throws Exception {
		Random random = new Random(4);
		NetworkKey key = NetworkKey.generate();
		int cases = DecoderFuzzTests.CASES / 3;
		try (TestNode source = TestNode.client(this.dir.resolve("s"), key, o -> o);
				TestNode target = TestNode.client(this.dir.resolve("t"), key, o -> o)) {
			append(source.store.writer("a"), 0, 30, 4);
			append(source.store.writer("b"), 0, 12, 12);
			Path archive = this.dir.resolve("logs.kappa");
			source.replicator.exportLogs(archive);
			byte[] valid = Files.readAllBytes(archive);
			Path fuzzed = this.dir.resolve("fuzzed.kappa");
			int refused = 0;
			for (int n = 0; n < cases; n++) {
				Files.write(fuzzed, DecoderFuzzTests.mutate(random, valid));
				try {
					target.replicator.importLogs(fuzzed);
				}
				catch (ReplicationException expected) {
					assertThat(expected.getMessage()).contains(fuzzed.toString());
					refused++;
				}
			}
			assertThat(refused).isPositive();
			for (SignedLog log : target.store.logs()) {
				log.verify();
				SignedLog original = source.store.find(log.key()).orElseThrow();
				assertThat(log.length()).isLessThanOrEqualTo(original.length());
				for (long seq = 0; seq < log.length(); seq++) {
					assertThat(log.read(seq)).isEqualTo(original.read(seq));
				}
			}
		}
	}
}
