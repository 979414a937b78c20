package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How a log opens its files ({@code log.dat}, {@code log.idx}, {@code log.tree}, {@code log.recovery}); all
 * their reads, writes, forces and truncations go through the channel it returns. Internal: the real file
 * system in production; tests substitute one that fails like a full disk or a process out of descriptors,
 * or that loses every write not forced before a simulated power loss.
 */
@FunctionalInterface
interface LogFileIo {

	/** The real file system. */
	LogFileIo DEFAULT = FileChannel::open;

	FileChannel open(Path file, OpenOption... options) throws IOException;
}
