package dev.kappa.spring.boot.autoconfigure;

import java.util.Map;

import dev.kappa.hypercore.HypercoreNode;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Starts the hypercore server and dialler with the context and stops them with it; publishes the bound port as
 * {@code local.kappa.hypercore.port}.
 */
class KappaHypercoreLifecycle implements SmartLifecycle {

	static final String PORT_PROPERTY = "local.kappa.hypercore.port";

	private static final String PROPERTY_SOURCE = "kappa.hypercore.ports";

	private final HypercoreNode node;

	private final ConfigurableEnvironment environment;

	private volatile boolean running;

	KappaHypercoreLifecycle(HypercoreNode node, ConfigurableEnvironment environment) {
		this.node = node;
		this.environment = environment;
	}

	@Override
	public void start() {
		this.node.start();
		if (this.node.port() >= 0) {
			MutablePropertySources sources = this.environment.getPropertySources();
			sources.remove(PROPERTY_SOURCE);
			sources.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(PORT_PROPERTY, this.node.port())));
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.node.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** With replication: after the views start, so followed entries are indexed as they arrive. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}
}
