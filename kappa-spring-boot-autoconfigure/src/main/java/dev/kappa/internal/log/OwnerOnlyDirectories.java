package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates directories readable, writable and searchable by their owner only (0700 where the file system has POSIX
 * permissions), whatever the process's umask: the storage dir holds secret keys. Directories that exist already
 * are left as they are.
 * <p>
 * Internal: used by the log store, replication and the auto-configuration.
 */
public final class OwnerOnlyDirectories {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private OwnerOnlyDirectories() {
	}

	/** Creates {@code dir} and any missing parents, each new one owner-only; returns {@code dir}. */
	public static Path create(Path dir) throws IOException {
		Path absolute = dir.toAbsolutePath();
		if (Files.isDirectory(absolute)) {
			return dir;
		}
		Path parent = absolute.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			create(parent);
		}
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			if (posix) {
				Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
				Files.setPosixFilePermissions(absolute, OWNER_ONLY);
			}
			else {
				Files.createDirectory(absolute);
			}
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(absolute)) {
				throw ex;
			}
		}
		return dir;
	}
}
