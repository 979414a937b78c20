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
		NetworkKey key;
		try {
			key = NetworkKey.resolve(properties.getNetworkKey(), storageDir);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(NetworkKey.PROPERTY, "(hidden)", ex.getMessage());
		}
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
}
