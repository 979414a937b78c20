package dev.kappa.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.kappa.internal.log.OwnerOnlyDirectories;
import dev.kappa.internal.log.StorageDirectoryInUseException;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks {@code kappa.storage-dir} before anything is opened in it, so a wrong value fails start-up with a
 * message naming the property and the value. A directory it creates is owner-only (0700), whatever the umask.
 * <p>
 * As a bean ({@link Configuration}), the node's storage directory checked once per context, whichever of the view
 * database and the logs opens first (or, when the logs are opened early, by {@link EarlyLogOpen} before either).
 */
final class StorageDirectory {

	static final String PROPERTY = "kappa.storage-dir";

	private final Path path;

	private StorageDirectory(Path path) {
		this.path = path;
	}

	/** The absolute, checked directory. */
	Path path() {
		return this.path;
	}

	/** Declares the bean; imported by every auto-configuration that opens files in the storage directory. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Configuration {

		@org.springframework.context.annotation.Bean
		StorageDirectory kappaStorageDirectory(KappaProperties properties,
				org.springframework.beans.factory.ObjectProvider<EarlyLogOpen> early) {
			EarlyLogOpen opened = early.getIfAvailable();
			Path checked = opened == null ? null : opened.directory(properties.getStorageDir());
			return new StorageDirectory(checked != null ? checked : prepare(properties.getStorageDir()));
		}
	}

	/**
	 * The directory, checked, for the first opener of this node's storage: fails if another open database holds
	 * it.
	 */
	static Path prepare(Path configured) {
		Path dir = usable(configured);
		StorageDirectoryInUseException.checkNotHeld(dir);
		return dir;
	}

	/**
	 * The directory, created and checked to be writable, for parts of this node that open files beside its logs
	 * (key files, the view schema name): this node's own database may hold it already.
	 */
	static Path usable(Path configured) {
		if (configured == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, null, "a directory is required");
		}
		Path dir = configured.toAbsolutePath().normalize();
		try {
			OwnerOnlyDirectories.create(dir);
		}
		catch (IOException | SecurityException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, configured,
					"cannot create the directory " + dir + " (" + ex + ")");
		}
		if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, configured,
					dir + " is not a writable directory");
		}
		Path probe = dir.resolve(".write-test");
		try {
			Files.deleteIfExists(probe);
			Files.createFile(probe);
			Files.delete(probe);
		}
		catch (IOException | SecurityException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, configured,
					"cannot write in " + dir + " (" + ex + ")");
		}
		return dir;
	}
}
