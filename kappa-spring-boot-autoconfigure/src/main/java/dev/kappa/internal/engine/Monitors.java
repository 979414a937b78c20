package dev.kappa.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.core.PeerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several {@link KappaMonitor}s as one, each call guarded: a monitor that throws is logged (once per kind of
 * call at WARN, then at DEBUG) and never disturbs the database or the other monitors.
 * <p>
 * Internal: the auto-configuration combines the monitor beans with {@link #of(List)}.
 */
public final class Monitors implements KappaMonitor {

	private static final Logger logger = LoggerFactory.getLogger(Monitors.class);

	private final List<KappaMonitor> monitors;

	private volatile boolean warned;

	private Monitors(List<KappaMonitor> monitors) {
		this.monitors = List.copyOf(monitors);
	}

	/** One monitor for all of {@code monitors}; {@link #none()} if there are none. */
	public static KappaMonitor of(List<? extends KappaMonitor> monitors) {
		return monitors.isEmpty() ? none() : new Monitors(new ArrayList<>(monitors));
	}

	/** A monitor that does nothing. */
	public static KappaMonitor none() {
		return NoMonitor.INSTANCE;
	}

	private enum NoMonitor implements KappaMonitor {
		INSTANCE
	}

	private void each(Consumer<KappaMonitor> call) {
		for (KappaMonitor m : this.monitors) {
			try {
				call.accept(m);
			}
			catch (RuntimeException ex) {
				failed(m, ex);
			}
		}
	}

	private Operation all(Function<KappaMonitor, Operation> start) {
		List<Operation> started = new ArrayList<>(this.monitors.size());
		each(m -> started.add(start.apply(m)));
		return error -> {
			for (Operation op : started) {
				try {
					op.end(error);
				}
				catch (RuntimeException ex) {
					failed(op, ex);
				}
			}
		};
	}

	private void failed(Object monitor, RuntimeException ex) {
		if (!this.warned) {
			this.warned = true;
			logger.warn("Monitor {} failed; its failures are ignored (further ones logged at DEBUG)", monitor, ex);
		}
		else {
			logger.debug("Monitor {} failed", monitor, ex);
		}
	}

	@Override
	public Operation append(LogKey log, int entries) {
		return all(m -> m.append(log, entries));
	}

	@Override
	public Operation indexBatch(String view, long entries) {
		return all(m -> m.indexBatch(view, entries));
	}

	@Override
	public void indexed(String view, long entries) {
		each(m -> m.indexed(view, entries));
	}

	@Override
	public void viewRebuilt(String view, long entries, Duration took) {
		each(m -> m.viewRebuilt(view, entries, took));
	}

	@Override
	public void logAdded(LogKey log, boolean writable) {
		each(m -> m.logAdded(log, writable));
	}

	@Override
	public Operation session(String peer, boolean inbound) {
		return all(m -> m.session(peer, inbound));
	}

	@Override
	public void transferred(Direction direction, long entries, long bytes) {
		each(m -> m.transferred(direction, entries, bytes));
	}

	@Override
	public void sessionRejected(String peer, String reason) {
		each(m -> m.sessionRejected(peer, reason));
	}

	@Override
	public void peerSynced(PeerStatus peer, Duration took) {
		each(m -> m.peerSynced(peer, took));
	}

	@Override
	public void forkDetected(LogKey log, String peer, Path evidence) {
		each(m -> m.forkDetected(log, peer, evidence));
	}
}
