package dev.kappa.spring.boot.autoconfigure;

import dev.kappa.internal.replication.Replicator;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the replication server and the live peers with the application context and stops them with it.
 * The bound port is published in the Environment as {@code local.kappa.replication.port}.
 */
class KappaReplicationLifecycle extends KappaServerLifecycle {

	static final String PORT_PROPERTY = "local.kappa.replication.port";

	KappaReplicationLifecycle(Replicator replicator, ConfigurableEnvironment environment) {
		super(environment, PORT_PROPERTY, replicator::start, replicator::stop, replicator::port);
	}
}
