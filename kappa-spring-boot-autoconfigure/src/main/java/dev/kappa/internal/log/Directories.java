package dev.kappa.internal.log;

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
}
