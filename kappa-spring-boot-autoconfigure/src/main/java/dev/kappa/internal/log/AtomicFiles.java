package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Small files written whole or not at all: the content goes to a temporary sibling ({@code .tmp-<name>}),
 * which is forced and then renamed into place, and the directory is forced. A crash leaves the old file or
 * the new one, never a part. Used for recovery points, key files, schema names and reports.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** Writes {@code content} to {@code file}, replacing it if it exists. */
	public static void write(Path file, byte[] content) throws IOException {
		write(LogFileIo.DEFAULT, file, content);
	}

	/** {@link #write(Path, byte[])} through {@code io}, for the files of a log. */
	static void write(LogFileIo io, Path file, byte[] content) throws IOException {
		Path tmp = temporary(file);
		try (FileChannel ch = io.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			writeFully(ch, content);
		}
		try {
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
		}
		Directories.force(parent(file));
	}

	/**
	 * Creates {@code file} holding {@code content}, readable and writable by the owner only (0600 where the file
	 * system has POSIX permissions, from the moment it exists), whole or not at all; then wipes {@code content}.
	 * The parent directory is created owner-only if missing.
	 * @return {@code false}, leaving the file as it is, if {@code file} already exists (or appears meanwhile)
	 */
	public static boolean createOwnerOnly(Path file, byte[] content) throws IOException {
		try {
			OwnerOnlyDirectories.create(parent(file));
			if (Files.exists(file)) {
				return false;
			}
			Path tmp = temporary(file);
			Files.deleteIfExists(tmp);
			boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
			FileAttribute<?>[] attrs = posix
					? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
					: new FileAttribute<?>[0];
			try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
				writeFully(ch, content);
			}
			return moveIfAbsent(tmp, file);
		}
		finally {
			Arrays.fill(content, (byte) 0);
		}
	}

	private static boolean moveIfAbsent(Path tmp, Path file) throws IOException {
		try {
			if (Files.exists(file)) {
				throw new FileAlreadyExistsException(file.toString());
			}
			Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
			Directories.force(parent(file));
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			Files.deleteIfExists(tmp);
			return false;
		}
	}

	private static void writeFully(FileChannel ch, byte[] content) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(content);
		while (buffer.hasRemaining()) {
			ch.write(buffer);
		}
		ch.force(true);
	}

	/** The temporary sibling a write of {@code file} goes through ({@code .tmp-<name>}). */
	static Path temporary(Path file) {
		return file.resolveSibling(".tmp-" + file.getFileName());
	}

	private static Path parent(Path file) {
		Path parent = file.toAbsolutePath().getParent();
		return parent != null ? parent : file.toAbsolutePath();
	}
}
