package dev.kappa.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Directory helpers for durable renames. */
final class Directories {

	private Directories() {
	}

	/** Forces a directory's entries (new and renamed files) to disk, where the platform allows it. */
	static void force(Path dir) {
		try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
			ch.force(true);
		}
		catch (IOException ex) {
			// Not supported on every platform (e.g. Windows); the rename itself is still atomic.
		}
	}

	/**
	 * Durably replaces {@code dir/name} with {@code bytes}: writes {@code name.tmp}, forces it, renames it over
	 * the old file and forces the directory.
	 */
	static void writeAtomically(LogFileIo io, Path dir, String name, byte[] bytes) throws IOException {
		Path tmp = dir.resolve(name + ".tmp");
		try (FileChannel ch = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				ch.write(buffer);
			}
			ch.force(true);
		}
		try {
			Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		force(dir);
	}
}
