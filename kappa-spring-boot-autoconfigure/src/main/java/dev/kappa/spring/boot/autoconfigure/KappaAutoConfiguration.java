package dev.kappa.spring.boot.autoconfigure;

import java.time.Clock;

import dev.kappa.core.Kappa;
import dev.kappa.engine.KappaDatabase;
import dev.kappa.engine.KappaEngine;
import dev.kappa.log.LogOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of kappa-spring: the {@link Kappa} database over {@code kappa.storage-dir}.
 */
@AutoConfiguration
@EnableConfigurationProperties(KappaProperties.class)
public final class KappaAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(Kappa.class)
	KappaDatabase kappa(KappaProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
		java.time.Duration interval = properties.getLog().getFsyncInterval();
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new InvalidConfigurationPropertyValueException("kappa.log.fsync-interval", interval, "must be positive");
		}
		LogOptions options = LogOptions.defaults().withFsync(properties.getLog().getFsync()).withFsyncInterval(interval);
		KappaEngine engine = KappaEngine.open(StorageDirectory.prepare(properties.getStorageDir()), options,
				jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()), Clock.systemUTC());
		return new KappaDatabase(engine);
	}
}
