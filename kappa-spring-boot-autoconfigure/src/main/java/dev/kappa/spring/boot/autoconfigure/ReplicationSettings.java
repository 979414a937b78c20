package dev.kappa.spring.boot.autoconfigure;

import java.net.URI;
import java.nio.file.Path;

import dev.kappa.replication.NetworkKey;
import dev.kappa.replication.ReplicationOptions;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code kappa.replication.*} into {@link ReplicationOptions}, failing with the property's name on a
 * wrong value (without echoing the network key).
 */
final class ReplicationSettings {

	private ReplicationSettings() {
	}

	static ReplicationOptions options(KappaProperties.Replication properties, Path storageDir) {
		NetworkKey key = networkKey(properties, storageDir);
		ReplicationOptions options = ReplicationOptions.defaults(storageDir, key);
		try {
			options = options.withServer(properties.getBindAddress(), properties.getPort(), properties.getWebsocketPath());
		}
		catch (IllegalArgumentException ex) {
			String property = ex.getMessage().contains("WebSocket") ? "kappa.replication.websocket-path" : "kappa.replication.port";
			Object value = property.endsWith("port") ? properties.getPort() : properties.getWebsocketPath();
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
		for (URI peer : properties.getPeers()) {
			try {
				options.withPeers(java.util.List.of(peer));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("kappa.replication.peers", peer, ex.getMessage());
			}
		}
		return limits(options.withPeers(properties.getPeers()), properties);
	}

	private static ReplicationOptions limits(ReplicationOptions options, KappaProperties.Replication properties) {
		positive("kappa.replication.max-connections", properties.getMaxConnections());
		positive("kappa.replication.max-connections-per-address", properties.getMaxConnectionsPerAddress());
		positive("kappa.replication.max-logs-per-session", properties.getMaxLogsPerSession());
		positive("kappa.replication.max-logs", properties.getMaxLogs());
		return options
			.withConnectionCaps(properties.getMaxConnections(), properties.getMaxConnectionsPerAddress())
			.withLimits(options.maxMessageBytes(), options.chunkBytes(), options.windowBytes(),
					properties.getMaxLogsPerSession())
			.withMaxLogs(properties.getMaxLogs());
	}

	private static void positive(String property, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value, "must be at least 1");
		}
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
