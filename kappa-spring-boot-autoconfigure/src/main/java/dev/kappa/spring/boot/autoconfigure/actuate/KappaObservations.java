package dev.kappa.spring.boot.autoconfigure.actuate;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Micrometer Observations around an append batch ({@code kappa.append}), an indexing transaction
 * ({@code kappa.index}, tagged with the view) and a replication session ({@code kappa.replication.session},
 * tagged with the direction), so tracing and the observation handlers of the application see them.
 */
final class KappaObservations implements KappaMonitor {

	private final ObservationRegistry registry;

	KappaObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	private Operation observe(Observation observation) {
		if (observation.isNoop()) {
			return Operation.NONE;
		}
		observation.start();
		return error -> {
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		};
	}

	@Override
	public Operation append(LogKey log, int entries) {
		return observe(Observation.createNotStarted("kappa.append", this.registry)
			.contextualName("kappa append")
			.highCardinalityKeyValue("kappa.entries", Integer.toString(entries)));
	}

	@Override
	public Operation indexBatch(String view, long entries) {
		return observe(Observation.createNotStarted("kappa.index", this.registry)
			.contextualName("kappa index " + view)
			.lowCardinalityKeyValue("view", view)
			.highCardinalityKeyValue("kappa.entries", Long.toString(entries)));
	}

	@Override
	public Operation session(String peer, boolean inbound) {
		return observe(Observation.createNotStarted("kappa.replication.session", this.registry)
			.contextualName("kappa replication session")
			.lowCardinalityKeyValue("direction", inbound ? "inbound" : "outbound")
			.highCardinalityKeyValue("kappa.peer", peer));
	}
}
