package dev.kappa.bench.app;

import dev.kappa.core.Kappa;
import dev.kappa.core.ViewStatus;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * When the starter starts the views: a lifecycle that starts just before the starter's views lifecycle (which
 * starts indexing) and records the time, and a probe that starts just after it and records the view's state
 * (REBUILDING when its tables were dropped, READY when they were current).
 */
public final class ViewsClock implements SmartLifecycle {

	/** The starter's views lifecycle starts at {@code DEFAULT_PHASE - 2048}. */
	private static final int VIEWS_PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private final ObjectProvider<Kappa> kappa;

	private final String viewName;

	private volatile long startNanos;

	private volatile ViewStatus.State firstState;

	private volatile boolean running;

	ViewsClock(ObjectProvider<Kappa> kappa, String viewName) {
		this.kappa = kappa;
		this.viewName = viewName;
	}

	/** System.nanoTime() just before the views started. */
	public long startNanos() {
		return this.startNanos;
	}

	/** The view's state just after the views started, or null without a view. */
	public ViewStatus.State firstState() {
		return this.firstState;
	}

	@Override
	public void start() {
		this.startNanos = System.nanoTime();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return VIEWS_PHASE - 1;
	}

	Probe probe() {
		return new Probe();
	}

	/** Records the view's state once the views have started. */
	public final class Probe implements SmartLifecycle {

		private volatile boolean probed;

		@Override
		public void start() {
			if (!ViewsClock.this.viewName.isEmpty()) {
				ViewsClock.this.firstState = ViewsClock.this.kappa.getObject().status(ViewsClock.this.viewName).state();
			}
			this.probed = true;
		}

		@Override
		public void stop() {
			this.probed = false;
		}

		@Override
		public boolean isRunning() {
			return this.probed;
		}

		@Override
		public int getPhase() {
			return VIEWS_PHASE + 1;
		}
	}
}
