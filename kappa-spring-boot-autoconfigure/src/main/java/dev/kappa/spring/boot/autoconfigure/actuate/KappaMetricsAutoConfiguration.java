package dev.kappa.spring.boot.autoconfigure.actuate;

import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.core.ViewStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters ({@link KappaMetrics}, and a {@code kappa.view.lag} gauge per view) when the application
 * has a {@link MeterRegistry}, and Observations ({@link KappaObservations}) when it has an
 * {@link ObservationRegistry}. Without a registry nothing is created.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
public final class KappaMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KappaMetrics kappaMetrics(MeterRegistry registry) {
			return new KappaMetrics(registry);
		}

		/** {@code kappa.view.lag}: entries present in the logs that a view has not processed yet. */
		@Bean
		@ConditionalOnMissingBean(name = "kappaViewLagMeters")
		MeterBinder kappaViewLagMeters(ObjectProvider<Kappa> kappa) {
			return registry -> {
				Kappa k = kappa.getIfAvailable();
				List<ViewStatus> views = k == null ? List.of() : k.statuses();
				for (ViewStatus view : views) {
					String name = view.name();
					Gauge.builder("kappa.view.lag", k, db -> {
						ViewStatus s = db.status(name);
						return s.total() - s.processed();
					}).tag("view", name).baseUnit("entries").description("Entries a view has yet to process")
						.register(registry);
				}
			};
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KappaObservations kappaObservations(ObservationRegistry registry) {
			return new KappaObservations(registry);
		}
	}
}
