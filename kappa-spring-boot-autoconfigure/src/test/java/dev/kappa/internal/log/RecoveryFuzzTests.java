package dev.kappa.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import dev.kappa.TestFiles;
import dev.kappa.core.LogKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.log.LogTesting.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of log recovery: a damaged log image (bits flipped, bytes zeroed, a file truncated or
 * deleted) either fails to open with {@link CorruptLogException} or opens holding a verifying prefix of its
 * entries, and never less than all of them unless only the last frame could have been torn
 * (docs/format.md). {@code -Dkappa.fuzz.cases=N} runs more (docs/testing.md).
 */
class RecoveryFuzzTests {

	private static final String[] FILES = { LogFiles.DATA_FILE, LogFiles.DATA_FILE, LogFiles.DATA_FILE,
			LogFiles.INDEX_FILE, LogFiles.TREE_FILE, RecoveryPoint.FILE };

	@TempDir
	Path dir;

	@Test
	void damagedLogImagesSeed5() throws IOException {
		Path image = this.dir.resolve("image");
		List<byte[]> written = entries(0, 60);
		LogKey key;
		try (LogStore store = LogStore.open(image, LogTesting.options())) {
			SignedLog log = store.writer("w");
			for (int i = 0; i < 60; i += 12) {
				log.append(written.subList(i, i + 12));
			}
			key = log.key();
		}
		Random random = new Random(5);
		int cases = Integer.getInteger("kappa.fuzz.cases", 3000) / 12;
		int refused = 0;
		for (int n = 0; n < cases; n++) {
			Path copy = this.dir.resolve("case");
			if (Files.exists(copy)) {
				TestFiles.delete(copy);
			}
			TestFiles.copy(image, copy);
			Path file = copy.resolve("logs").resolve(key.toString()).resolve(FILES[random.nextInt(FILES.length)]);
			damage(random, file);
			try (LogStore store = LogStore.open(copy, LogTesting.options())) {
				SignedLog log = store.writer("w");
				assertThat(log.length()).as("case %d, %s", n, file.getFileName()).isGreaterThanOrEqualTo(48);
				log.verify();
				for (int seq = 0; seq < log.length(); seq++) {
					assertThat(log.read(seq)).isEqualTo(written.get(seq));
				}
			}
			catch (CorruptLogException | UncheckedIOException expected) {
				refused++;
			}
		}
		assertThat(refused).isPositive();
	}

	private static void damage(Random random, Path file) throws IOException {
		byte[] b = Files.readAllBytes(file);
		switch (random.nextInt(4)) {
			case 0 -> b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
			case 1 -> b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
			case 2 -> {
				int from = random.nextInt(b.length);
				java.util.Arrays.fill(b, from, Math.min(b.length, from + random.nextInt(512) + 1), (byte) 0);
			}
			default -> {
				Files.delete(file);
				return;
			}
		}
		Files.write(file, b);
	}
}
