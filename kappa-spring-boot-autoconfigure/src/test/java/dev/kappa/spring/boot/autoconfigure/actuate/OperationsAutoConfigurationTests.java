package dev.kappa.spring.boot.autoconfigure.actuate;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.Kappa;
import dev.kappa.core.LogWriter;
import dev.kappa.spring.boot.autoconfigure.ImportedAutoConfigurations;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.FragileView;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.KvV1;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.OpsApp;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.Put;
import dev.kappa.spring.boot.autoconfigure.event.KappaEvent;
import dev.kappa.spring.boot.autoconfigure.event.LogAddedEvent;
import dev.kappa.spring.boot.autoconfigure.event.PeerSyncedEvent;
import dev.kappa.spring.boot.autoconfigure.event.ViewRebuiltEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics, Observations, events and dead letters, in contexts built from the real imports files. */
class OperationsAutoConfigurationTests {

	@TempDir
	Path storage;

	@AfterEach
	void mend() {
		FragileView.BROKEN.set(true);
		FragileView.HANDLED.clear();
	}

	/** This package for Spring Data's scan, as {@code @SpringBootApplication} would register it. */
	@Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.AutoConfigurationPackage
	static class Packages {
	}

	@Configuration(proxyBeanMethods = false)
	static class Events {

		final List<KappaEvent> events = new CopyOnWriteArrayList<>();

		final List<String> observations = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<KappaEvent> kappaEvents() {
			return this.events::add;
		}

		@Bean
		ObservationHandler<Observation.Context> recordingHandler() {
			return new ObservationHandler<>() {
				@Override
				public void onStop(Observation.Context context) {
					Events.this.observations.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}
			};
		}
	}

	/**
	 * A non-web application from the real imports files (as {@code @SpringBootApplication} builds it; the
	 * context runner cannot take Boot's metrics exporters without their libraries).
	 */
	private static ConfigurableApplicationContext start(Path dir, ClassLoader loader, Class<?> view, String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(OpsApp.class, Events.class)
			.web(WebApplicationType.NONE)
			.properties("kappa.storage-dir=" + dir, "spring.main.banner-mode=off")
			.properties(properties);
		if (view != null) {
			builder.sources(view);
		}
		if (loader != null) {
			builder.resourceLoader(new DefaultResourceLoader(loader));
		}
		return builder.run();
	}

	private static ConfigurableApplicationContext start(Path dir, Class<?> view, String... properties) {
		return start(dir, null, view, properties);
	}

	@Test
	void afterOneThousandAppendsAndReadyTheAppendCounterReadsOneThousandAndTheLagGaugeZero() throws Exception {
		try (ConfigurableApplicationContext context = start(this.storage, KvV1.class)) {
			Kappa kappa = context.getBean(Kappa.class);
			LogWriter writer = kappa.writer("a");
			for (int i = 0; i < 1000; i++) {
				writer.append(new Put(i, "k" + (i % 10), "v" + i));
			}
			kappa.ready().get(30, TimeUnit.SECONDS);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("kappa.log.appended").counter().count()).isEqualTo(1000);
			assertThat(registry.get("kappa.log.append").tag("outcome", "success").timer().count()).isEqualTo(1000);
			assertThat(registry.get("kappa.view.lag").tag("view", "kv").gauge().value()).isZero();
			assertThat(registry.get("kappa.view.indexed").tag("view", "kv").counter().count()).isEqualTo(1000);
			assertThat(registry.get("kappa.view.batch").tag("view", "kv").timer().count()).isPositive();
			// No meter carries a log key or a peer address.
			assertThat(registry.getMeters()).filteredOn(m -> m.getId().getName().startsWith("kappa."))
				.allSatisfy(m -> assertThat(m.getId().getTags())
					.allSatisfy(t -> assertThat(t.getValue()).doesNotContain(writer.key().toString())));
			// Observations around an append batch and an indexing batch.
			Events events = context.getBean(Events.class);
			assertThat(events.observations).contains("kappa.append", "kappa.index");
		}
	}

	@Test
	void theContextStartsWithoutActuatorOrMicrometerAndCreatesNoMeters() throws Exception {
		// Neither Actuator (endpoints, health) nor Micrometer (meters, observations) on the class path.
		FilteredClassLoader withoutActuator = new FilteredClassLoader("org.springframework.boot.actuate.endpoint",
				"org.springframework.boot.health.contributor", "io.micrometer");
		try (ConfigurableApplicationContext context = start(this.storage, withoutActuator, KvV1.class)) {
			assertThat(context.getBeanNamesForType(Kappa.class)).hasSize(1);
			assertThat(context.getBeanNamesForType(KappaMetrics.class)).isEmpty();
			assertThat(context.getBeanNamesForType(KappaObservations.class)).isEmpty();
			assertThat(context.getBeanNamesForType(KappaEndpoint.class)).isEmpty();
			assertThat(context.containsBean("kappaHealthContributor")).isFalse();
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").append(new Put(1, "soup", "hot"));
			kappa.ready().get(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void withActuatorTheHealthContributorAndTheEndpointAreThereAndCanBeSwitchedOff() throws Exception {
		try (ConfigurableApplicationContext context = start(this.storage, KvV1.class,
				"management.endpoints.web.exposure.include=kappa")) {
			assertThat(context.containsBean("kappaHealthContributor")).isTrue();
			assertThat(context.getBeanNamesForType(KappaEndpoint.class)).hasSize(1);
			assertThat(context.getBeanNamesForType(KappaMetrics.class)).hasSize(1);
			assertThat(context.getBeanNamesForType(KappaObservations.class)).hasSize(1);
		}
		try (ConfigurableApplicationContext context = start(this.storage, KvV1.class,
				"management.endpoints.web.exposure.include=kappa", "management.health.kappa.enabled=false",
				"management.endpoint.kappa.access=none")) {
			assertThat(context.containsBean("kappaHealthContributor")).isFalse();
			assertThat(context.getBeanNamesForType(KappaEndpoint.class)).isEmpty();
		}
	}

	@Test
	void theImportedAutoConfigurationsRunnerStartsWithActuatorAndMicrometerOnTheClassPath() {
		ImportedAutoConfigurations.runner()
			.withUserConfiguration(Packages.class, KvV1.class)
			.withPropertyValues("kappa.storage-dir=" + this.storage)
			.run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(Kappa.class).hasSingleBean(KappaMetrics.class)
					.hasBean("kappaHealthContributor");
				context.getBean(Kappa.class).writer("a").append(new Put(1, "soup", "hot"));
				assertThat(context.getBean(MeterRegistry.class).get("kappa.log.appended").counter().count()).isEqualTo(1);
			});
	}

	@Test
	void skippedEntriesAreListedAndRetriedInLogOrderAfterAFix() throws Exception {
		try (ConfigurableApplicationContext context = start(this.storage, FragileView.class, "kappa.views.on-error=skip")) {
			{
				Kappa kappa = context.getBean(Kappa.class);
				LogWriter writer = kappa.writer("a");
				writer.append(new Put(0, "a", "boom-1"));
				writer.append(new Put(1, "b", "fine"));
				writer.append(new Put(2, "c", "boom-2"));
				kappa.ready().get(10, TimeUnit.SECONDS);
				List<DeadLetter> letters = kappa.deadLetters("fragile");
				assertThat(letters).extracting(DeadLetter::seq).containsExactly(0L, 2L);
				assertThat(letters).allSatisfy(d -> {
					assertThat(d.view()).isEqualTo("fragile");
					assertThat(d.log()).isEqualTo(writer.key());
					assertThat(d.type()).isEqualTo("put");
				});
				assertThat(letters.get(1).error()).contains("cannot digest boom-2");

				// Still broken: both stay, nothing is written.
				assertThat(kappa.retry("fragile").get(10, TimeUnit.SECONDS)).extracting(DeadLetter::seq)
					.containsExactly(0L, 2L);
				assertThat(FragileView.HANDLED).containsOnly(1L);

				FragileView.BROKEN.set(false);
				FragileView.HANDLED.clear();
				assertThat(kappa.retry("fragile").get(10, TimeUnit.SECONDS)).isEmpty();
				assertThat(FragileView.HANDLED).containsExactly(0L, 2L);
				assertThat(kappa.deadLetters("fragile")).isEmpty();
				assertThat(context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM \"seen\"", Integer.class)).isEqualTo(3);
			}
		}
	}

	@Test
	void eventsAreLogAddedViewRebuiltAndPeerSynced() throws Exception {
		String key = "kappa.replication.network-key=" + "ab".repeat(32);
		try (ConfigurableApplicationContext server = start(this.storage.resolve("b"), null, "kappa.replication.port=0",
				"kappa.replication.bind-address=127.0.0.1", key, "management.endpoints.web.exposure.include=kappa");
				ConfigurableApplicationContext context = start(this.storage.resolve("a"), KvV1.class, key)) {
			{
					Kappa kappa = context.getBean(Kappa.class);
					LogWriter writer = kappa.writer("a");
					writer.append(new Put(0, "soup", "hot"));
					kappa.rebuild("kv").get(10, TimeUnit.SECONDS);
					kappa.replicate(URI.create("tcp://127.0.0.1:"
							+ server.getEnvironment().getProperty("local.kappa.replication.port"))).get(10, TimeUnit.SECONDS);

					List<KappaEvent> events = context.getBean(Events.class).events;
					assertThat(events).filteredOn(LogAddedEvent.class::isInstance)
						.singleElement()
						.satisfies(e -> assertThat(((LogAddedEvent) e).log()).isEqualTo(writer.key()));
					assertThat(events).filteredOn(ViewRebuiltEvent.class::isInstance)
						.singleElement()
						.satisfies(e -> assertThat(((ViewRebuiltEvent) e).view()).isEqualTo("kv"));
					assertThat(events).filteredOn(PeerSyncedEvent.class::isInstance)
						.singleElement()
						.satisfies(e -> assertThat(((PeerSyncedEvent) e).peer().entriesSent()).isEqualTo(1));
					// An Observation around the replication session, on both sides (stopped as each session ends).
					for (ConfigurableApplicationContext side : List.of(context, server)) {
						org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
								assertThat(side.getBean(Events.class).observations).contains("kappa.replication.session"));
					}
					List<KappaEvent> onServer = server.getBean(Events.class).events;
					assertThat(onServer).filteredOn(LogAddedEvent.class::isInstance)
						.singleElement()
						.satisfies(e -> assertThat(((LogAddedEvent) e).writable()).isFalse());
				// The server's endpoint names where its replica came from; the client names its local log.
				assertThat(server.getBean(KappaEndpoint.class).kappa().logs()).singleElement().satisfies(log -> {
					assertThat(log.key()).isEqualTo(writer.key().toString());
					assertThat(log.writable()).isFalse();
					assertThat(log.name()).isNull();
					assertThat(log.origin()).contains("127.0.0.1");
				});
				assertThat(writer.key()).isEqualTo(kappa.logs().get(0).key());
				assertThat(kappa.logs().get(0).name()).contains("a");
			}
		}
	}
}
