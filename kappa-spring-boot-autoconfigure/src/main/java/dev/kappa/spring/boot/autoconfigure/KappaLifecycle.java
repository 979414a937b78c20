package dev.kappa.spring.boot.autoconfigure;

import org.springframework.context.SmartLifecycle;

/**
 * What the starter's lifecycles share: a phase, and the running flag around {@link #begin()} and {@link #end()}.
 * Phases: the views start first ({@link #VIEWS}), then the servers and peers that bring entries in
 * ({@link #SERVERS}), so that received entries are indexed as they arrive; they stop in the reverse order.
 */
abstract class KappaLifecycle implements SmartLifecycle {

	/** Before the web server starts taking requests, after ordinary beans. */
	static final int VIEWS = SmartLifecycle.DEFAULT_PHASE - 2048;

	/** After the views. */
	static final int SERVERS = SmartLifecycle.DEFAULT_PHASE - 1024;

	private final int phase;

	private volatile boolean running;

	KappaLifecycle(int phase) {
		this.phase = phase;
	}

	/** Starts the part. */
	abstract void begin();

	/** Stops the part. */
	abstract void end();

	@Override
	public final void start() {
		begin();
		this.running = true;
	}

	@Override
	public final void stop() {
		this.running = false;
		end();
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return this.phase;
	}
}
