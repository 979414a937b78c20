package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;

import dev.kappa.internal.replication.NetworkKey;
import dev.kappa.internal.replication.ReplicationOptions;

/**
 * Turns {@code kappa.replication.*} into {@link ReplicationOptions}. The values are checked as they are bound
 * ({@link KappaPropertiesValidator}) except the network key, a secret that may live in a file: it fails here, naming
 * the property without echoing the value.
 */
final class ReplicationSettings {

	private ReplicationSettings() {
	}

	/** The options of {@code properties}, whose values {@link KappaPropertiesValidator} has checked. */
	static ReplicationOptions options(KappaProperties.Replication properties, Path storageDir) {
		ReplicationOptions defaults = ReplicationOptions.defaults(storageDir, networkKey(properties, storageDir));
		return defaults.withServer(properties.getBindAddress(), properties.getPort(), properties.getWebsocketPath())
			.withPeers(properties.getPeers())
			.withConnectionCaps(properties.getMaxConnections(), properties.getMaxConnectionsPerAddress())
			.withLimits(defaults.maxMessageBytes(), defaults.chunkBytes(), defaults.windowBytes(),
					properties.getMaxLogsPerSession())
			.withMaxLogs(properties.getMaxLogs());
	}

	/**
	 * The configured key ({@code network-key} or {@code network-key-file}), else the stored one, made on first use.
	 * A bad value fails with {@link InvalidKappaPropertyException}, never Boot's exception that would print the
	 * values of the property found in every property source.
	 */
	static NetworkKey networkKey(KappaProperties.Replication properties, Path storageDir) {
		String value = properties.getNetworkKey();
		boolean hasValue = value != null && !value.isBlank();
		Path file = properties.getNetworkKeyFile();
		if (hasValue && file != null) {
			throw new InvalidKappaPropertyException(NetworkKey.PROPERTY, "both " + NetworkKey.PROPERTY + " and "
					+ NetworkKey.FILE_PROPERTY + " are set", "Set only one of them.");
		}
		try {
			if (hasValue) {
				return NetworkKey.parse(value);
			}
			return file != null ? NetworkKey.fromFile(file) : NetworkKey.stored(storageDir);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidKappaPropertyException(hasValue ? NetworkKey.PROPERTY : NetworkKey.FILE_PROPERTY,
					ex.getMessage() + " (the value is not shown)",
					"Give the same 64 hexadecimal characters as the other nodes, through the environment variable "
							+ NetworkKey.ENVIRONMENT_VARIABLE + " or a file named by " + NetworkKey.FILE_PROPERTY
							+ "; or set neither, to use (or generate) <storage-dir>/replication/network.key.");
		}
	}
}
