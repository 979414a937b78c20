package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.kappa.core.KappaException;

/**
 * A storage directory is held by another open kappa database, in this process or another one (its {@code .lock}
 * file is locked). The holder writes its process id into the lock file, so the message can name it.
 */
public class StorageDirectoryInUseException extends KappaException {

	private final transient Path directory;

	private final Long holderPid;

	public StorageDirectoryInUseException(Path directory, Long holderPid) {
		super("The storage directory " + directory + " is in use by another kappa database ("
				+ (holderPid == null ? "in this or another process"
						: holderPid == ProcessHandle.current().pid() ? "in this process, " + holderPid : "process " + holderPid)
				+ "); each database needs its own kappa.storage-dir");
		this.directory = directory;
		this.holderPid = holderPid;
	}

	/** The directory held. */
	public Path directory() {
		return this.directory;
	}

	/** The process id of the holder, or {@code null} when it is not known. */
	public Long holderPid() {
		return this.holderPid;
	}

	/**
	 * Fails if another open database holds {@code storageDir} now (its lock file is locked), so that an application
	 * can say so before anything else (e.g. a view database under the same directory) meets the other instance.
	 * @throws StorageDirectoryInUseException naming the directory and the holder's pid when known
	 */
	public static void checkNotHeld(Path storageDir) {
		Path lockFile = storageDir.resolve(".lock");
		if (!Files.exists(lockFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, java.nio.file.StandardOpenOption.WRITE)) {
			java.nio.channels.FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (java.nio.channels.OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				throw new StorageDirectoryInUseException(storageDir, holder(lockFile));
			}
			lock.release();
		}
		catch (IOException ex) {
			// cannot tell: opening the log store will
		}
	}

	/** Writes this process's id into the lock file just locked. */
	static void recordHolder(FileChannel lockChannel) {
		try {
			lockChannel.truncate(0);
			lockChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
		}
		catch (IOException ex) {
			// the pid is a courtesy for the error message of a second instance; the lock itself is held
		}
	}

	/** The process id written in a lock file, or {@code null}. */
	static Long holder(Path lockFile) {
		try {
			return Long.parseLong(Files.readString(lockFile, StandardCharsets.US_ASCII).strip());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}
}
