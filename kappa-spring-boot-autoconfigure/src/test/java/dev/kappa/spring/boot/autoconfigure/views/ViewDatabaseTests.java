package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.Kappa;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The view database an application gets through the real imports file: an H2 file under the storage dir (pool
 * {@code kappa-views}) that survives restarts, so a plain restart replays nothing; the application's own
 * database whenever it has one.
 */
@ExtendWith(OutputCaptureExtension.class)
class ViewDatabaseTests {

	@TempDir
	Path storage;

	/** Counts handler calls across contexts of one test. */
	@KappaView(name = "kv", version = 1, tables = KvRow.class)
	static class CountingKvView {

		static final AtomicInteger CALLS = new AtomicInteger();

		@OnEntry
		void on(Put put, ViewTables tables) {
			CALLS.incrementAndGet();
			tables.upsert(new KvRow(put.key(), put.value()));
		}
	}

	@KappaView(name = "kv", version = 2, tables = KvRow.class)
	static class CountingKvViewVersion2 {

		@OnEntry
		void on(Put put, ViewTables tables) {
			CountingKvView.CALLS.incrementAndGet();
			tables.upsert(new KvRow(put.key(), put.value()));
		}
	}

	@Test
	void viewsLiveInAnH2FileUnderTheStorageDirWithTheirOwnPool() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class).run(context -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getPoolName()).isEqualTo("kappa-views");
			assertThat(dataSource.getJdbcUrl()).startsWith("jdbc:h2:file:" + this.storage.toAbsolutePath().resolve("views/views"));
			assertThat(this.storage.resolve("views/views.mv.db")).exists();
		});
	}

	@Test
	void aPlainRestartReplaysNothingAndSaysTheViewIsCurrent(CapturedOutput output) {
		CountingKvView.CALLS.set(0);
		ViewsContext.runner(this.storage).withUserConfiguration(CountingKvView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").appendAll(List.of(new Put(1, "a", "1"), new Put(2, "b", "2"), new Put(3, "c", "3")));
			kappa.ready().get(30, TimeUnit.SECONDS);
		});
		assertThat(CountingKvView.CALLS).hasValue(3);
		ViewsContext.runner(this.storage).withUserConfiguration(CountingKvView.class).run(context -> {
			assertThat(context).hasNotFailed();
			context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(KvRepository.class).count()).isEqualTo(3);
		});
		assertThat(CountingKvView.CALLS).as("handler calls after the restart").hasValue(3);
		assertThat(output).contains("View 'kv' (version 1) is current: 3 entries, nothing to replay");
	}

	@Test
	void aVersionBumpSaysWhyTheViewIsRebuiltAndHowManyEntriesItReplays(CapturedOutput output) {
		CountingKvView.CALLS.set(0);
		ViewsContext.runner(this.storage).withUserConfiguration(CountingKvView.class).run(context -> {
			context.getBean(Kappa.class).writer("a").appendAll(List.of(new Put(1, "a", "1"), new Put(2, "b", "2")));
			context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
		});
		ViewsContext.runner(this.storage).withUserConfiguration(CountingKvViewVersion2.class).run(context -> {
			context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
		});
		assertThat(CountingKvView.CALLS).hasValue(4);
		assertThat(output).contains("View 'kv' (version 2) is rebuilt (version 1 -> 2): 2 entries to replay");
	}

	@Test
	void kappaViewsDatasourceIsHonouredWithoutADataSourceOfTheApplications() {
		Path db = this.storage.resolve("elsewhere/db");
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class)
			.withPropertyValues("kappa.views.datasource=jdbc:h2:file:" + db)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HikariDataSource.class).getPoolName()).isEqualTo("kappa-views");
				assertThat(this.storage.resolve("elsewhere/db.mv.db")).exists();
				assertThat(this.storage.resolve("views")).doesNotExist();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceConnection {

		static final String URL = "jdbc:h2:mem:service-connection";

		@Bean
		JdbcConnectionDetails jdbcConnectionDetails() {
			return new JdbcConnectionDetails() {
				@Override
				public String getUsername() {
					return "sa";
				}

				@Override
				public String getPassword() {
					return "";
				}

				@Override
				public String getJdbcUrl() {
					return URL;
				}

				@Override
				public String getDriverClassName() {
					return DatabaseDriver.H2.getDriverClassName();
				}
			};
		}
	}

	@Test
	void backsOffForJdbcConnectionDetailsAsDockerComposeOrServiceConnectionGiveThem() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class, ServiceConnection.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(DataSource.class);
			assertThat(context.getBean(HikariDataSource.class).getJdbcUrl()).isEqualTo(ServiceConnection.URL);
			assertThat(context.getBean(HikariDataSource.class).getPoolName()).isNotEqualTo("kappa-views");
			assertThat(Files.exists(this.storage.resolve("views"))).isFalse();
		});
	}
}
