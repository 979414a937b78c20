package dev.kappa.spring.boot.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.kappa.core.LogKey;
import dev.kappa.internal.hypercore.HypercoreOptions;
import dev.kappa.internal.replication.NetworkKey;
import dev.kappa.internal.replication.ReplicationOptions;
import dev.kappa.internal.schema.NodeSchema;

import org.springframework.validation.Errors;

/**
 * The checks of {@link KappaProperties#validate}: run by Spring Boot when {@code kappa.*} is bound, so a wrong value
 * fails start-up as a binding error naming the property (Boot's report adds its value and origin) and the bean
 * methods only wire. The rules are the engine's own: a value is checked by building the engine's options from it.
 * <p>
 * Not here: what needs the file system or the context (the storage directory, the network key, which is a secret and
 * may live in a file, and {@code kappa.views.datasource} against the application's DataSource).
 */
final class KappaPropertiesValidator {

	/** Stands in for the network key while replication's other options are checked: none of their rules reads it. */
	private static final NetworkKey PLACEHOLDER_KEY = NetworkKey.of(new byte[32]);

	private final Errors errors;

	private KappaPropertiesValidator(Errors errors) {
		this.errors = errors;
	}

	static void validate(KappaProperties properties, Errors errors) {
		KappaPropertiesValidator validator = new KappaPropertiesValidator(errors);
		validator.log(properties.getLog());
		validator.views(properties.getViews());
		validator.replication(properties.getReplication());
		validator.hypercore(properties.getHypercore());
	}

	private void log(KappaProperties.Log log) {
		Duration interval = log.getFsyncInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			reject("log.fsyncInterval", "must be positive, got " + interval);
		}
		Duration linger = log.getLinger();
		if (linger == null || linger.isNegative()) {
			reject("log.linger", "must be zero or positive, got " + linger);
		}
	}

	private void views(KappaProperties.Views views) {
		if (views.getBatchSize() < 1) {
			reject("views.batchSize", "must be at least 1, got " + views.getBatchSize());
		}
		String schema = views.getSchema();
		if (schema != null && !schema.isBlank() && NodeSchema.problem(schema) != null) {
			reject("views.schema", "'" + schema + "': " + NodeSchema.problem(schema));
		}
	}

	private void replication(KappaProperties.Replication replication) {
		ReplicationOptions options = ReplicationOptions.defaults(Path.of("."), PLACEHOLDER_KEY);
		try {
			options.withServer(replication.getBindAddress(), replication.getPort(), replication.getWebsocketPath());
		}
		catch (IllegalArgumentException ex) {
			reject(ex.getMessage().contains("WebSocket") ? "replication.websocketPath" : "replication.port", ex.getMessage());
		}
		for (URI peer : replication.getPeers()) {
			check("replication.peers", () -> options.withPeers(List.of(peer)));
		}
		atLeastOne("replication.maxConnections", replication.getMaxConnections());
		atLeastOne("replication.maxConnectionsPerAddress", replication.getMaxConnectionsPerAddress());
		atLeastOne("replication.maxLogsPerSession", replication.getMaxLogsPerSession());
		atLeastOne("replication.maxLogs", replication.getMaxLogs());
	}

	private void hypercore(KappaProperties.Hypercore hypercore) {
		HypercoreOptions options = HypercoreOptions.defaults();
		check("hypercore.port", () -> options.withPort(hypercore.getPort()));
		for (String name : hypercore.getExpose()) {
			if (name == null || name.isBlank()) {
				reject("hypercore.expose", "a log name is empty");
			}
		}
		check("hypercore.peers", () -> options.withPeers(hypercore.getPeers()));
		for (String key : hypercore.getFollow()) {
			check("hypercore.follow", () -> followable(key));
		}
	}

	/** The key of a core to follow (compat or manifest): 64 hex characters. */
	private static LogKey followable(String hex) {
		return LogKey.parse(hex.trim());
	}

	private void atLeastOne(String field, int value) {
		if (value < 1) {
			reject(field, "must be at least 1, got " + value);
		}
	}

	private void check(String field, Supplier<?> build) {
		try {
			build.get();
		}
		catch (IllegalArgumentException ex) {
			reject(field, ex.getMessage());
		}
	}

	/** A field error whose message starts with the property's name, so every report and cause names it. */
	private void reject(String field, String reason) {
		this.errors.rejectValue(field, "kappa.invalid", property(field) + ": " + reason);
	}

	/** {@code replication.maxLogsPerSession} as {@code kappa.replication.max-logs-per-session}. */
	static String property(String field) {
		return "kappa." + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}
}
