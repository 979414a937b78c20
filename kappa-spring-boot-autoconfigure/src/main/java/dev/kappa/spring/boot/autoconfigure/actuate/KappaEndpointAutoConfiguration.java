package dev.kappa.spring.boot.autoconfigure.actuate;

import java.util.Optional;

import dev.kappa.core.Kappa;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.spring.boot.autoconfigure.KappaAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code kappa} actuator endpoint ({@link KappaEndpoint}), when Actuator is present and the endpoint available. */
@AutoConfiguration(after = KappaAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Kappa.class)
@ConditionalOnAvailableEndpoint(KappaEndpoint.class)
public final class KappaEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KappaEndpoint kappaEndpoint(Kappa kappa, ObjectProvider<KappaDatabase.Replication> replication) {
		return new KappaEndpoint(kappa, log -> {
			KappaDatabase.Replication r = replication.getIfAvailable();
			return r == null ? Optional.empty() : r.origin(log);
		});
	}
}
