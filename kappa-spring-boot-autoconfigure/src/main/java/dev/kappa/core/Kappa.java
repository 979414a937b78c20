package dev.kappa.core;

import java.util.List;
import java.util.Optional;

/**
 * A kappa database: signed append-only logs, the only source of truth, and SQL views derived from them.
 * This is the bean applications inject: the logs are declared here, the views in {@link KappaViews} and replication
 * in {@link KappaReplication}.
 */
public interface Kappa extends KappaViews, KappaReplication, AutoCloseable {

	/**
	 * The local log called {@code name}; its key pair is generated and stored on first use.
	 * @param name a name of letters, digits, '-', '_' or '.'
	 */
	LogWriter writer(String name);

	/** Any log held, local or replicated. */
	Optional<LogReader> log(LogKey key);

	/** All logs held, local and replicated, in key order. */
	List<LogReader> logs();

	/** Stops indexing and replication and closes all files. */
	@Override
	void close();
}
