package dev.kappa.spring.boot.autoconfigure.actuate;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.kappa.core.Kappa;
import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.OpsApp;
import dev.kappa.spring.boot.autoconfigure.event.ForkDetectedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine reports as a fork (tested in {@code ForkMonitorTests}) reaches the application: a
 * {@link ForkDetectedEvent} and the {@code kappa.replication.forks} counter, through the monitors the
 * auto-configuration hands the engine.
 */
class ForkReportingTests {

	@TempDir
	Path storage;

	@Configuration(proxyBeanMethods = false)
	static class ForkEvents {

		final List<ForkDetectedEvent> events = new CopyOnWriteArrayList<>();

		@Bean
		ApplicationListener<ForkDetectedEvent> forkListener() {
			return this.events::add;
		}
	}

	@Test
	void aForkReportedByTheEngineIsPublishedAsAnEventAndCounted() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OpsApp.class, ForkEvents.class)
			.web(WebApplicationType.NONE)
			.properties("kappa.storage-dir=" + this.storage, "spring.main.banner-mode=off")
			.run()) {
			assertThat(context.getBean(Kappa.class)).isNotNull();
			LogKey log = context.getBean(Kappa.class).writer("default").key();
			Path evidence = this.storage.resolve("forks").resolve(log + ".json");
			List<KappaMonitor> monitors = List.copyOf(context.getBeansOfType(KappaMonitor.class).values());
			assertThat(monitors).isNotEmpty();
			monitors.forEach(m -> m.forkDetected(log, "tcp://127.0.0.1:1", evidence));

			assertThat(context.getBean(ForkEvents.class).events).singleElement().satisfies(event -> {
				assertThat(event.log()).isEqualTo(log);
				assertThat(event.peer()).isEqualTo("tcp://127.0.0.1:1");
				assertThat(event.evidence()).isEqualTo(evidence);
			});
			assertThat(context.getBean(MeterRegistry.class).get("kappa.replication.forks").counter().count()).isEqualTo(1);
		}
	}
}
