package dev.kappa.spring.boot.autoconfigure;

import java.util.Map;

import dev.kappa.core.Kappa;
import dev.kappa.engine.KappaDatabase;
import dev.kappa.replication.Replicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Starts the replication server and the live peers with the application context and stops them with it.
 * The bound port is published in the Environment as {@code local.kappa.replication.port}, as Spring Boot
 * publishes {@code local.server.port}.
 */
class KappaReplicationLifecycle implements SmartLifecycle {

	static final String PORT_PROPERTY = "local.kappa.replication.port";

	private static final String PROPERTY_SOURCE = "kappa.replication.ports";

	private final ObjectProvider<Kappa> kappa;

	private final ConfigurableEnvironment environment;

	private Replicator replicator;

	private volatile boolean running;

	KappaReplicationLifecycle(ObjectProvider<Kappa> kappa, ConfigurableEnvironment environment) {
		this.kappa = kappa;
		this.environment = environment;
	}

	@Override
	public void start() {
		if (this.kappa.getIfAvailable() instanceof KappaDatabase database
				&& database.replication() instanceof Replicator r) {
			this.replicator = r;
			r.start();
			if (r.port() >= 0) {
				MutablePropertySources sources = this.environment.getPropertySources();
				sources.remove(PROPERTY_SOURCE);
				sources.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(PORT_PROPERTY, r.port())));
			}
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.replicator != null) {
			this.replicator.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the views start, so replicated entries are indexed as they arrive. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}
}
