package dev.kappa.sample;

import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.core.PeerStatus;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Everything the web page at {@code /} shows, in one answer: logs, the kv view, view progress and peers. */
@RestController
class StatusController {

	private final Kappa kappa;

	private final KvRepository kv;

	StatusController(Kappa kappa, KvRepository kv) {
		this.kappa = kappa;
		this.kv = kv;
	}

	record LogInfo(String key, long length, boolean writable) {
	}

	record Row(String key, String value) {
	}

	record ViewInfo(String name, int version, String state, long processed, long total, int percent, String lastError) {
	}

	record PeerInfo(String address, String state, long announced, long received, long sent, int percent,
			String nextAttempt, String lastSynced, String lastError) {
	}

	record Status(List<LogInfo> logs, List<Row> kv, List<ViewInfo> views, List<PeerInfo> peers) {
	}

	@GetMapping("/api/status")
	Status status() {
		List<LogInfo> logs = this.kappa.logs().stream()
			.map(l -> new LogInfo(l.key().toString(), l.length(), l.writable()))
			.toList();
		List<Row> rows = this.kv.findAll(Sort.by("key")).stream().map(r -> new Row(r.key(), r.value())).toList();
		List<ViewInfo> views = this.kappa.statuses().stream()
			.map(v -> new ViewInfo(v.name(), v.version(), v.state().name(), v.processed(), v.total(),
					v.total() == 0 ? 100 : (int) (v.processed() * 100 / v.total()), v.lastError()))
			.toList();
		List<PeerInfo> peers = this.kappa.peers().stream().map(StatusController::peer).toList();
		return new Status(logs, rows, views, peers);
	}

	private static PeerInfo peer(PeerStatus p) {
		return new PeerInfo(p.address(), p.state().name(), p.entriesAnnounced(), p.entriesReceived(), p.entriesSent(),
				(int) Math.round(p.progress() * 100), p.nextAttempt() == null ? null : p.nextAttempt().toString(),
				p.lastSynced() == null ? null : p.lastSynced().toString(), p.lastError());
	}
}
