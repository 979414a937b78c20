package dev.kappa.spring.boot.autoconfigure.event;

import java.nio.file.Path;
import java.time.Duration;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.core.PeerStatus;

import org.springframework.context.ApplicationEventPublisher;

/** Publishes what the database reports as {@link KappaEvent}s. */
final class KappaEventPublisher implements KappaMonitor {

	private final ApplicationEventPublisher publisher;

	KappaEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void logAdded(LogKey log, boolean writable) {
		this.publisher.publishEvent(new LogAddedEvent(this, log, writable));
	}

	@Override
	public void peerSynced(PeerStatus peer, Duration took) {
		this.publisher.publishEvent(new PeerSyncedEvent(this, peer, took));
	}

	@Override
	public void viewRebuilt(String view, long entries, Duration took) {
		this.publisher.publishEvent(new ViewRebuiltEvent(this, view, entries, took));
	}

	@Override
	public void forkDetected(LogKey log, String peer, Path evidence) {
		this.publisher.publishEvent(new ForkDetectedEvent(this, log, peer, evidence));
	}
}
