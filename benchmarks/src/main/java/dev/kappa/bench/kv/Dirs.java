package dev.kappa.bench.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Scratch directories of the benchmarks. */
public final class Dirs {

	private Dirs() {
	}

	/** Deletes {@code dir} and everything under it; nothing if it does not exist. */
	public static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete " + dir + ": " + ex.getMessage(), ex);
		}
	}

	/** A new temporary directory. */
	public static Path temp(String name) {
		try {
			return Files.createTempDirectory("kappa-bench-" + name);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
