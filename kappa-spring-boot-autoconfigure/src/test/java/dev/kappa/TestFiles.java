package dev.kappa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers shared by the tests that copy a database's files (crash images, twin writers). */
public final class TestFiles {

	private TestFiles() {
	}

	/**
	 * Copies a directory tree, without the storage lock file: what is on disk at this moment, as a crash or a
	 * copy to another machine would leave it.
	 */
	public static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path p : walk.toList()) {
				if (p.getFileName().toString().equals(".lock")) {
					continue;
				}
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(p, target);
				}
			}
		}
	}

	/** Deletes a directory tree. */
	public static void delete(Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}
}
