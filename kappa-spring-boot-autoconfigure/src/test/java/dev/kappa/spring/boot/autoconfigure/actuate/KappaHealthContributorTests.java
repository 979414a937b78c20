package dev.kappa.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.kappa.core.PeerStatus;
import dev.kappa.core.ViewStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** How view states, lag, peers and fork reports map to health. */
class KappaHealthContributorTests {

	private static ViewStatus view(ViewStatus.State state, long processed, long total) {
		return new ViewStatus("kv", 1, state, processed, total, state == ViewStatus.State.FAILED ? "boom at 3" : null,
				100, Duration.ofSeconds(2));
	}

	@Test
	void aViewIsDownWhenFailedOutOfServiceWhenRebuildingOrFarBehindElseUp() {
		assertThat(KappaHealthContributor.view(view(ViewStatus.State.FAILED, 3, 10), 100).getStatus()).isEqualTo(Status.DOWN);
		assertThat(KappaHealthContributor.view(view(ViewStatus.State.FAILED, 3, 10), 100).getDetails())
			.containsEntry("lastError", "boom at 3");
		assertThat(KappaHealthContributor.view(view(ViewStatus.State.REBUILDING, 9, 10), 100).getStatus())
			.isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(KappaHealthContributor.view(view(ViewStatus.State.INDEXING, 0, 101), 100).getStatus())
			.isEqualTo(Status.OUT_OF_SERVICE);
		Health slightlyBehind = KappaHealthContributor.view(view(ViewStatus.State.INDEXING, 1, 101), 100);
		assertThat(slightlyBehind.getStatus()).isEqualTo(Status.UP);
		assertThat(slightlyBehind.getDetails()).containsEntry("etaSeconds", 2L).containsEntry("entriesPerSecond", 100L);
		assertThat(KappaHealthContributor.view(view(ViewStatus.State.READY, 10, 10), 100).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void replicationShowsPeersAndTakesTheConfiguredStatusWhileAForkReportIsKept() {
		List<PeerStatus> peers = List.of(
				new PeerStatus("tcp://a:1", true, PeerStatus.State.LIVE, null, 5, 5, 0, 10, 10, null, null),
				new PeerStatus("tcp://b:1", true, PeerStatus.State.BACKING_OFF, null, 0, 0, 0, 0, 0, null, "refused"));
		Health up = KappaHealthContributor.replication(peers, List.of(), 7070, Status.DOWN);
		assertThat(up.getStatus()).isEqualTo(Status.UP);
		assertThat(up.getDetails()).containsEntry("listening", true).containsEntry("port", 7070)
			.containsEntry("peersConnected", 1L);
		assertThat(KappaHealthContributor.replication(peers, List.of(Path.of("forks/x.json")), null, Status.DOWN).getStatus())
			.isEqualTo(Status.DOWN);
		Health configured = KappaHealthContributor.replication(peers, List.of(Path.of("forks/x.json")), null,
				new Status("WARNING"));
		assertThat(configured.getStatus().getCode()).isEqualTo("WARNING");
		assertThat(configured.getDetails()).containsEntry("listening", false).containsKey("forkReports");
	}
}
