package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.kappa.core.Kappa;
import dev.kappa.core.KappaHypercore;
import dev.kappa.internal.engine.KappaDatabase;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.hypercore.HypercoreNode;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.StorageDirectoryInUseException;
import dev.kappa.internal.replication.NetworkKey;
import dev.kappa.internal.replication.ReplicationOptions;
import dev.kappa.internal.replication.Replicator;
import dev.kappa.internal.indexer.ViewEngine;
import dev.kappa.view.ViewErrorPolicy;
import dev.kappa.internal.indexer.ViewOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/**
 * The database's parts are beans of their own ({@link KappaEngineConfiguration}): each backs off for the
 * application's own, the {@link KappaDatabase} is built from whichever are there, and the context closes them in
 * order.
 */
class KappaEngineConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return ImportedAutoConfigurations.runner().withPropertyValues("kappa.storage-dir=" + this.dir.resolve("node"));
	}

	@Test
	void everyPartIsABeanAndTheDatabaseIsMadeOfThem() {
		runner().run(context -> {
			KappaDatabase database = context.getBean(KappaDatabase.class);
			assertThat(context.getBean(Kappa.class)).isSameAs(database);
			assertThat(database.engine()).isSameAs(context.getBean(KappaEngine.class));
			assertThat(database.views()).isSameAs(context.getBean(ViewEngine.class));
			assertThat(database.replication()).isSameAs(context.getBean(Replicator.class));
			assertThat(context.getBean(HypercoreNode.class)).isNotNull();
		});
	}

	@Test
	void theLogsBackOffWhenTheApplicationDefinesAKappaEngine() {
		KappaEngine own = KappaEngine.open(this.dir.resolve("own"), LogOptions.defaults(), JsonMapper.builder().build(),
				Clock.systemUTC());
		runner().withBean(KappaEngine.class, () -> own).run(context -> {
			assertThat(context).hasSingleBean(KappaEngine.class);
			assertThat(context.getBean(KappaDatabase.class).engine()).isSameAs(own);
			context.getBean(Kappa.class).writer("default").append("x");
			assertThat(own.logs()).singleElement().satisfies(log -> assertThat(log.length()).isEqualTo(1));
		});
	}

	@Test
	void theViewsBackOffWhenTheApplicationDefinesItsOwn() {
		runner().withUserConfiguration(OwnViewEngine.class).run(context -> {
			assertThat(context).hasSingleBean(ViewEngine.class);
			assertThat(context.getBean(ViewEngine.class)).isSameAs(context.getBean(OwnViewEngine.class).made);
			assertThat(context.getBean(KappaDatabase.class).views()).isSameAs(context.getBean(OwnViewEngine.class).made);
		});
	}

	@Test
	void replicationBacksOffWhenTheApplicationDefinesItsOwn() {
		runner().withUserConfiguration(OwnReplicator.class).run(context -> {
			assertThat(context).hasSingleBean(Replicator.class);
			Replicator own = context.getBean(OwnReplicator.class).made;
			assertThat(context.getBean(Replicator.class)).isSameAs(own);
			assertThat(context.getBean(KappaDatabase.class).replication()).isSameAs(own);
			assertThat(own.options().maxLogs()).isEqualTo(7);
		});
	}

	@Test
	void theHypercoreNodeBacksOffWhenTheApplicationDefinesAKappaHypercore() {
		KappaHypercore own = mock(KappaHypercore.class);
		runner().withBean(KappaHypercore.class, () -> own).run(context -> {
			assertThat(context).doesNotHaveBean(HypercoreNode.class);
			assertThat(context).doesNotHaveBean(KappaHypercoreLifecycle.class);
			assertThat(context.getBean(KappaHypercore.class)).isSameAs(own);
		});
	}

	@Test
	void noPartIsMadeWhenTheApplicationDefinesKappa() {
		runner().withBean(Kappa.class, () -> mock(Kappa.class)).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(KappaEngine.class);
			assertThat(context).doesNotHaveBean(ViewEngine.class);
			assertThat(context).doesNotHaveBean(Replicator.class);
			assertThat(context).doesNotHaveBean(HypercoreNode.class);
			assertThat(context).doesNotHaveBean(KappaReplicationLifecycle.class);
		});
	}

	@Test
	void closingTheContextStopsReplicationThenTheViewsThenTheLogs() {
		Path storage = this.dir.resolve("node");
		List<String> closed = new CopyOnWriteArrayList<>();
		KappaDatabase.Views views = mock(KappaDatabase.Views.class);
		KappaDatabase.Replication replication = mock(KappaDatabase.Replication.class);
		runner().withBean(KappaDatabase.Views.class, () -> views)
			.withBean(KappaDatabase.Replication.class, () -> replication)
			.run(context -> {
				doAnswer(call -> closed.add("replication")).when(replication).close();
				doAnswer(call -> closed.add(logsOpen(storage) ? "views" : "views after the logs")).when(views).close();
				assertThat(context.getBean(KappaDatabase.class).views()).isSameAs(views);
				assertThat(context).doesNotHaveBean(ViewEngine.class).doesNotHaveBean(Replicator.class);
			});
		assertThat(closed).startsWith("replication", "views");
		assertThat(logsOpen(storage)).isFalse();
	}

	/** Whether a log store holds the storage directory's lock. */
	static boolean logsOpen(Path storage) {
		try {
			StorageDirectoryInUseException.checkNotHeld(storage);
			return false;
		}
		catch (StorageDirectoryInUseException ex) {
			return true;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnViewEngine {

		ViewEngine made;

		@Bean
		ViewEngine ownViewEngine(KappaEngine engine, DataSource dataSource) {
			this.made = new ViewEngine(engine, dataSource, List.of(), new ViewOptions(10, ViewErrorPolicy.STOP));
			return this.made;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReplicator {

		Replicator made;

		@Bean
		Replicator ownReplicator(KappaEngine engine, KappaProperties properties) {
			this.made = new Replicator(engine.store(),
					ReplicationOptions.defaults(properties.getStorageDir(), NetworkKey.generate()).withMaxLogs(7));
			return this.made;
		}
	}
}
