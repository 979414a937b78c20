package dev.kappa.spring.boot.autoconfigure.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.Kappa;
import dev.kappa.core.LogKey;
import dev.kappa.core.LogReader;
import dev.kappa.core.PeerStatus;
import dev.kappa.core.ViewStatus;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code kappa} actuator endpoint ({@code /actuator/kappa} once exposed): the views, logs and peers, and
 * the operations on a view, {@code POST /actuator/kappa/views/{name}/{pause|resume|rebuild|retry|skip}}.
 * Exposed and secured as Spring Boot exposes and secures any endpoint (not over HTTP unless
 * {@code management.endpoints.web.exposure.include} names it).
 */
@Endpoint(id = "kappa")
public class KappaEndpoint {

	private static final long WAIT_SECONDS = 30;

	private final Kappa kappa;

	private final Function<LogKey, Optional<String>> origins;

	/** @param origins the peer each replica came from (empty when unknown) */
	public KappaEndpoint(Kappa kappa, Function<LogKey, Optional<String>> origins) {
		this.kappa = kappa;
		this.origins = origins;
	}

	/** A view as the endpoint shows it. */
	public record ViewDescriptor(String name, int version, String state, long processed, long total, int percent,
			long entriesPerSecond, Long etaSeconds, String lastError, int deadLetters) {
	}

	/** A view with its dead letters. */
	public record ViewDetails(ViewDescriptor view, List<DeadLetterDescriptor> deadLetters) {
	}

	/** A dead letter as the endpoint shows it. */
	public record DeadLetterDescriptor(String log, long seq, String type, String error, Instant failedAt) {
	}

	/**
	 * A log as the endpoint shows it.
	 * @param name a local log's name ({@code null} for a replica)
	 * @param origin the peer a replica was first received from since this node started, if known
	 */
	public record LogDescriptor(String key, String name, long length, boolean writable, String origin) {
	}

	/** Everything at once. */
	public record KappaDescriptor(List<ViewDescriptor> views, List<LogDescriptor> logs, List<PeerStatus> peers) {
	}

	@ReadOperation
	public KappaDescriptor kappa() {
		return new KappaDescriptor(views(), logs(), this.kappa.peers());
	}

	/** {@code /actuator/kappa/views}, {@code .../logs} or {@code .../peers}. */
	@ReadOperation
	public Object section(@Selector String section) {
		return switch (section) {
			case "views" -> views();
			case "logs" -> logs();
			case "peers" -> this.kappa.peers();
			default -> throw new InvalidEndpointRequestException("No section '" + section + "'; sections: views, logs, peers",
					"unknown section");
		};
	}

	/** {@code /actuator/kappa/views/{name}}: one view and its dead letters. */
	@ReadOperation
	public ViewDetails view(@Selector String section, @Selector String name) {
		checkViews(section);
		ViewStatus status = status(name);
		List<DeadLetterDescriptor> letters = this.kappa.deadLetters(name).stream().map(KappaEndpoint::describe).toList();
		return new ViewDetails(describe(status, letters.size()), letters);
	}

	/**
	 * {@code POST /actuator/kappa/views/{name}/{action}}: {@code pause}, {@code resume} (also retries a failed
	 * view from the entry that failed), {@code rebuild} (drop the tables and replay every log; answers at once,
	 * the state shows the progress), {@code retry} (the dead letters, in log order; answers with those still
	 * failing) or {@code skip} (the entry that stopped a failed view; answers with its dead letter).
	 */
	@WriteOperation
	public Map<String, Object> act(@Selector String section, @Selector String name, @Selector String action) {
		checkViews(section);
		status(name);
		Map<String, Object> answer = new LinkedHashMap<>();
		switch (action) {
			case "pause" -> this.kappa.pause(name);
			case "resume" -> this.kappa.resume(name);
			case "rebuild" -> this.kappa.rebuild(name);
			case "retry" -> answer.put("stillFailing",
					await(this.kappa.retry(name), name, action).stream().map(KappaEndpoint::describe).toList());
			case "skip" -> answer.put("skipped", describe(await(this.kappa.skip(name), name, action)));
			default -> throw new InvalidEndpointRequestException("No action '" + action
					+ "'; actions: pause, resume, rebuild, retry, skip", "unknown action");
		}
		answer.put("view", describe(this.kappa.status(name), this.kappa.deadLetters(name).size()));
		return answer;
	}

	private static <T> T await(CompletableFuture<T> future, String view, String action) {
		try {
			return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new InvalidEndpointRequestException("Cannot " + action + " view '" + view + "': "
					+ ex.getCause().getMessage(), ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(action + " of view '" + view + "' did not finish within " + WAIT_SECONDS
					+ " s; it goes on, see the view's state", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private void checkViews(String section) {
		if (!section.equals("views")) {
			throw new InvalidEndpointRequestException("No section '" + section + "' with named entries; use views/{name}",
					"unknown section");
		}
	}

	private ViewStatus status(String name) {
		try {
			return this.kappa.status(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), "unknown view");
		}
	}

	private List<ViewDescriptor> views() {
		return this.kappa.statuses().stream()
			.map(s -> describe(s, this.kappa.deadLetters(s.name()).size()))
			.toList();
	}

	private List<LogDescriptor> logs() {
		return this.kappa.logs().stream().map(this::describe).toList();
	}

	static ViewDescriptor describe(ViewStatus s, int deadLetters) {
		int percent = s.total() == 0 ? 100 : (int) Math.min(100, s.processed() * 100 / s.total());
		return new ViewDescriptor(s.name(), s.version(), s.state().name(), s.processed(), s.total(), percent,
				Math.round(s.entriesPerSecond()), s.eta() == null ? null : s.eta().toSeconds(), s.lastError(), deadLetters);
	}

	private LogDescriptor describe(LogReader log) {
		return new LogDescriptor(log.key().toString(), log.name().orElse(null), log.length(), log.writable(),
				log.writable() ? null : this.origins.apply(log.key()).orElse(null));
	}

	private static DeadLetterDescriptor describe(DeadLetter d) {
		return new DeadLetterDescriptor(d.log().toString(), d.seq(), d.type(), d.error(), d.failedAt());
	}
}
