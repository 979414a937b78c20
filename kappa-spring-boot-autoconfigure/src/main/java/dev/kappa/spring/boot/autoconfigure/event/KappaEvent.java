package dev.kappa.spring.boot.autoconfigure.event;

import org.springframework.context.ApplicationEvent;

/**
 * Something a kappa database did, published as a Spring application event: listen with
 * {@code @EventListener} for this type or one of its subtypes ({@link LogAddedEvent}, {@link PeerSyncedEvent},
 * {@link ViewRebuiltEvent}, {@link ForkDetectedEvent}). Published on the database's own threads: a listener
 * must return quickly (or be {@code @Async}).
 */
public abstract class KappaEvent extends ApplicationEvent {

	KappaEvent(Object source) {
		super(source);
	}
}
