package dev.kappa.spring.boot.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.kappa.core.Kappa;
import dev.kappa.core.KappaMonitor;
import dev.kappa.internal.engine.EntryValidator;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.engine.Monitors;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.replication.Replicator;
import dev.kappa.internal.indexer.ViewEngine;
import dev.kappa.internal.indexer.ViewOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The parts of the database, each a bean of its own that the application may replace: the logs
 * ({@link KappaEngine}), the views ({@link ViewEngine}, when there is a view database), replication
 * ({@link Replicator}) and the {@link KappaDatabase} made of them, which is the {@link Kappa} bean. None of them
 * is made when the application defines its own {@link Kappa}. The bean methods only wire: {@code kappa.*} was
 * checked as it was bound ({@link KappaPropertiesValidator}).
 * <p>
 * Shutdown: the lifecycles stop replication, then the views; the database closes replication, the views and then
 * the logs; every part closes at most once, and Spring closes a part only after the beans that use it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(Kappa.class)
class KappaEngineConfiguration {

	/** Opens the logs on a thread of their own while the context starts, for {@link #kappaEngine} to take. */
	@Bean
	static EarlyLogOpen.PostProcessor kappaEarlyLogOpenPostProcessor() {
		return new EarlyLogOpen.PostProcessor();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	KappaEngine kappaEngine(StorageDirectory storage, KappaProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<KappaMonitor> monitors, ObjectProvider<EntryValidator> entryValidator,
			ObjectProvider<EarlyLogOpen> early) {
		LogOptions options = EarlyLogOpen.logOptions(properties.getLog());
		EarlyLogOpen opened = early.getIfAvailable();
		LogStore store = opened == null ? null : opened.take(storage.path(), options);
		if (store == null) {
			store = LogStore.open(storage.path(), options);
		}
		try {
			return KappaEngine.over(store, KappaAutoConfiguration.json(jsonMapper), Clock.systemUTC(),
					Monitors.of(monitors.orderedStream().toList()), entryValidator.getIfAvailable(() -> EntryValidator.NONE));
		}
		catch (RuntimeException | Error ex) {
			store.close();
			throw ex;
		}
	}

	/** Backs off for any views of the application's own ({@link KappaDatabase.Views}). */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(KappaDatabase.Views.class)
	@ConditionalOnBean(KappaViewSchemaInitializer.class)
	ViewEngine kappaViewEngine(KappaEngine engine, DataSource dataSource, KappaViewSchemaInitializer schema,
			KappaProperties properties) {
		KappaProperties.Views views = properties.getViews();
		return new ViewEngine(engine, dataSource, schema.prepared().values(),
				new ViewOptions(views.getBatchSize(), views.getOnError()));
	}

	/** Backs off for any replication of the application's own ({@link KappaDatabase.Replication}). */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(KappaDatabase.Replication.class)
	Replicator kappaReplicator(KappaEngine engine, StorageDirectory storage, KappaProperties properties) {
		return new Replicator(engine.store(), ReplicationSettings.options(properties.getReplication(), storage.path()),
				engine.monitor());
	}

	/** The {@link Kappa} bean: the parts above, put together; it closes them in order. */
	@Bean(destroyMethod = "close")
	KappaDatabase kappa(KappaEngine engine, ObjectProvider<KappaDatabase.Views> views,
			ObjectProvider<KappaDatabase.Replication> replication) {
		return new KappaDatabase(engine, views.getIfAvailable(), replication.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(Replicator.class)
	KappaReplicationLifecycle kappaReplicationLifecycle(Replicator replicator, ConfigurableEnvironment environment) {
		return new KappaReplicationLifecycle(replicator, environment);
	}
}
