package dev.kappa.spring.boot.autoconfigure;

import dev.kappa.internal.hypercore.HypercoreNode;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the hypercore server and dialler with the context and stops them with it; publishes the bound port as
 * {@code local.kappa.hypercore.port}.
 */
class KappaHypercoreLifecycle extends KappaServerLifecycle {

	static final String PORT_PROPERTY = "local.kappa.hypercore.port";

	KappaHypercoreLifecycle(HypercoreNode node, ConfigurableEnvironment environment) {
		super(environment, PORT_PROPERTY, node::start, node::stop, node::port);
	}
}
