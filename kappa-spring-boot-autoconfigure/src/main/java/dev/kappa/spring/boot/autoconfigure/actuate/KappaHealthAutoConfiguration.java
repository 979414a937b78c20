package dev.kappa.spring.boot.autoconfigure.actuate;

import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.spring.boot.autoconfigure.KappaAutoConfiguration;
import dev.kappa.spring.boot.autoconfigure.KappaProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code kappa} health contributor ({@link KappaHealthContributor}), when Spring Boot's health support is
 * on the class path and {@code management.health.kappa.enabled} is not false.
 */
@AutoConfiguration(after = KappaAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(Kappa.class)
@ConditionalOnEnabledHealthIndicator("kappa")
public final class KappaHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kappaHealthContributor")
	CompositeHealthContributor kappaHealthContributor(Kappa kappa, KappaProperties properties,
			ObjectProvider<KappaDatabase.Replication> replication, Environment environment) {
		return KappaHealthContributor.create(kappa, properties.getHealth().getMaxLag(),
				new Status(properties.getHealth().getForkStatus()),
				() -> {
					KappaDatabase.Replication r = replication.getIfAvailable();
					return r == null ? List.of() : r.forkReports();
				},
				() -> environment.getProperty("local.kappa.replication.port", Integer.class));
	}
}
