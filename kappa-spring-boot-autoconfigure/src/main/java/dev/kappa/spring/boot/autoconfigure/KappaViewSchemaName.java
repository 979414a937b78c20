package dev.kappa.spring.boot.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

import dev.kappa.internal.log.AtomicFiles;
import dev.kappa.internal.schema.NodeSchema;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The node's view schema ({@code kappa.views.schema}): the configured name, or by default one made once per
 * storage directory and kept in {@code <storage-dir>/view-schema} (not under {@code views/}, which holds the default H2 database only) ({@code kappa_} and 12 random hex digits).
 * The storage directory is the node: it holds the logs the views are built from, so a node keeps its schema
 * (and its checkpoints) across restarts, two nodes never derive the same one (even with the same path on two
 * hosts, or the same host name), and a node that starts over with an empty directory indexes anew.
 */
final class KappaViewSchemaName {

	static final String PROPERTY = "kappa.views.schema";

	private static final String FILE = "view-schema";

	private KappaViewSchemaName() {
	}

	static String resolve(KappaProperties properties) {
		String configured = properties.getViews().getSchema();
		if (configured != null && !configured.isBlank()) {
			return configured; // checked as it was bound (KappaPropertiesValidator)
		}
		Path file = StorageDirectory.usable(properties.getStorageDir()).resolve(FILE);
		try {
			if (Files.exists(file)) {
				String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
				if (NodeSchema.problem(stored) != null) {
					throw new InvalidConfigurationPropertyValueException(PROPERTY, stored, "the view schema kept in " + file
							+ " is not a valid name (" + NodeSchema.problem(stored) + "); fix or delete the file");
				}
				return stored;
			}
			String made = "kappa_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
			Files.createDirectories(file.getParent());
			AtomicFiles.write(file, (made + "\n").getBytes(StandardCharsets.UTF_8));
			return made;
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, null,
					"cannot read or create the default view schema name in " + file + " (" + ex + ")");
		}
	}
}
