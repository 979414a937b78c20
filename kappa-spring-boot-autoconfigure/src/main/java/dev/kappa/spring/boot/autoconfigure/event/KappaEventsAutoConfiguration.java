package dev.kappa.spring.boot.autoconfigure.event;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/** Publishes {@link KappaEvent}s (log added, peer synced, view rebuilt, fork detected) as application events. */
@AutoConfiguration
public final class KappaEventsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KappaEventPublisher kappaEventPublisher(ApplicationEventPublisher publisher) {
		return new KappaEventPublisher(publisher);
	}
}
