package dev.kappa.spring.boot.autoconfigure;

import java.util.Map;
import java.util.function.IntSupplier;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Starts a server of this node (and its peers) with the context and stops it with it; publishes the bound port in
 * the Environment, as Spring Boot publishes {@code local.server.port}. No port (-1): nothing is published.
 */
class KappaServerLifecycle extends KappaLifecycle {

	private final ConfigurableEnvironment environment;

	private final String portProperty;

	private final Runnable start;

	private final Runnable stop;

	private final IntSupplier port;

	/**
	 * @param portProperty e.g. {@code local.kappa.replication.port}; also names the property source that holds it
	 */
	KappaServerLifecycle(ConfigurableEnvironment environment, String portProperty, Runnable start, Runnable stop,
			IntSupplier port) {
		super(SERVERS);
		this.environment = environment;
		this.portProperty = portProperty;
		this.start = start;
		this.stop = stop;
		this.port = port;
	}

	@Override
	void begin() {
		this.start.run();
		int bound = this.port.getAsInt();
		if (bound >= 0) {
			String source = this.portProperty + ".source";
			MutablePropertySources sources = this.environment.getPropertySources();
			sources.remove(source);
			sources.addFirst(new MapPropertySource(source, Map.of(this.portProperty, bound)));
		}
	}

	@Override
	void end() {
		this.stop.run();
	}
}
