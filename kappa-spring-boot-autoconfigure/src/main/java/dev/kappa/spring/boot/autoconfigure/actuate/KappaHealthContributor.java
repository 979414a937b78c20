package dev.kappa.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.kappa.core.Kappa;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ViewStatus;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code kappa} health contributor: {@code views/<name>} per view and {@code replication}. A FAILED or
 * closed view is DOWN (its last error names the log and seq); a REBUILDING view, or one indexing more than
 * {@code kappa.health.max-lag} entries behind, is OUT_OF_SERVICE, so a readiness group that includes
 * {@code kappa} keeps traffic away while its tables are half built. Replication is UP with its peers, or the
 * configured {@code kappa.health.fork-status} while a fork report is kept.
 */
final class KappaHealthContributor {

	private KappaHealthContributor() {
	}

	static CompositeHealthContributor create(Kappa kappa, long maxLag, Status forkStatus,
			Supplier<List<Path>> forkReports, Supplier<Integer> replicationPort) {
		Map<String, HealthContributor> views = new LinkedHashMap<>();
		for (ViewStatus view : kappa.statuses()) {
			String name = view.name();
			views.put(name, (HealthIndicator) () -> view(kappa.status(name), maxLag));
		}
		Map<String, HealthContributor> all = new LinkedHashMap<>();
		all.put("views", CompositeHealthContributor.fromMap(views));
		all.put("replication", (HealthIndicator) () -> replication(kappa.peers(), forkReports.get(),
				replicationPort.get(), forkStatus));
		return CompositeHealthContributor.fromMap(all);
	}

	static Health view(ViewStatus s, long maxLag) {
		Health.Builder health = switch (s.state()) {
			case FAILED, CLOSED -> Health.down();
			case REBUILDING -> Health.outOfService();
			case INDEXING -> s.total() - s.processed() > maxLag ? Health.outOfService() : Health.up();
			case READY, PAUSED -> Health.up();
		};
		health.withDetail("state", s.state().name())
			.withDetail("version", s.version())
			.withDetail("processed", s.processed())
			.withDetail("total", s.total());
		if (s.state() == ViewStatus.State.REBUILDING || s.state() == ViewStatus.State.INDEXING) {
			health.withDetail("entriesPerSecond", Math.round(s.entriesPerSecond()));
			if (s.eta() != null) {
				health.withDetail("etaSeconds", s.eta().toSeconds());
			}
		}
		if (s.lastError() != null) {
			health.withDetail("lastError", s.lastError());
		}
		return health.build();
	}

	static Health replication(List<PeerStatus> peers, List<Path> forks, Integer port, Status forkStatus) {
		Health.Builder health = forks.isEmpty() ? Health.up() : Health.status(forkStatus);
		health.withDetail("listening", port != null && port >= 0);
		if (port != null && port >= 0) {
			health.withDetail("port", port);
		}
		long connected = peers.stream()
			.filter(p -> p.state() == PeerStatus.State.SYNCING || p.state() == PeerStatus.State.LIVE)
			.count();
		health.withDetail("peersConnected", connected);
		Map<String, String> states = new LinkedHashMap<>();
		peers.forEach(p -> states.put(p.address(), p.state().name()));
		health.withDetail("peers", states);
		if (!forks.isEmpty()) {
			health.withDetail("forkReports", forks.stream().map(Path::toString).toList());
		}
		return health.build();
	}
}
