package dev.kappa.spring.boot.autoconfigure.event;

import java.time.Duration;

/** A view finished replaying every log after its tables were dropped (version or shape change, or on request). */
public final class ViewRebuiltEvent extends KappaEvent {

	private final String view;

	private final long entries;

	private final Duration took;

	public ViewRebuiltEvent(Object source, String view, long entries, Duration took) {
		super(source);
		this.view = view;
		this.entries = entries;
		this.took = took;
	}

	public String view() {
		return this.view;
	}

	/** Entries the view processed in the rebuild. */
	public long entries() {
		return this.entries;
	}

	public Duration took() {
		return this.took;
	}

	@Override
	public String toString() {
		return "ViewRebuiltEvent[" + this.view + ", " + this.entries + " entries, " + this.took.toMillis() + " ms]";
	}
}
