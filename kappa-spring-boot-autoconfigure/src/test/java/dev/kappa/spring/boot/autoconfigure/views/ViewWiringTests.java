package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.Kappa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** Where view tables live, when they exist, and what ready() promises under load. */
class ViewWiringTests {

	@TempDir
	Path storage;

	@Test
	void readyCoversEveryEntryPresentAtTheCallWithManyConcurrentAppenders() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			KvRepository repository = context.getBean(KvRepository.class);
			ExecutorService pool = Executors.newFixedThreadPool(8);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 60; i++) {
						String key = "t" + thread + "-" + i;
						kappa.writer(i % 2 == 0 ? "even" : "odd").append(new Put(i, key, "v" + i));
						if (i % 10 == 9) {
							kappa.ready("kv").get(30, TimeUnit.SECONDS);
							assertThat(repository.findById(key)).as("visible after ready()").isPresent();
						}
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			kappa.ready().get(30, TimeUnit.SECONDS);
			assertThat(repository.count()).isEqualTo(480);
			assertThat(kappa.status("kv").processed()).isEqualTo(480);
		});
	}

	/** A bean that reads a view table while the context starts. */
	static class EarlyReader {

		final long rows;

		EarlyReader(JdbcTemplate jdbc) {
			this.rows = jdbc.queryForObject("SELECT COUNT(*) FROM \"kv\"", Long.class);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class EarlyReaderConfiguration {

		@Bean
		EarlyReader earlyReader(JdbcTemplate jdbc) {
			return new EarlyReader(jdbc);
		}
	}

	@Test
	void viewTablesExistBeforeAnyJdbcTemplateUserRuns() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class, EarlyReaderConfiguration.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(EarlyReader.class).rows).isZero();
		});
	}

	@Test
	void withoutADataSourceViewsLiveInAnH2FileUnderTheStorageDir() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class).run(context -> {
			HikariDataSource dataSource = context.getBean(HikariDataSource.class);
			assertThat(dataSource.getJdbcUrl()).startsWith("jdbc:h2:file:" + this.storage.toAbsolutePath().resolve("views"));
			assertThat(Files.exists(this.storage.resolve("views/views.mv.db"))).isTrue();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnDataSource {

		@Bean
		DataSource dataSource() {
			return DataSourceBuilder.create().url("jdbc:h2:mem:own-" + System.nanoTime()).build();
		}
	}

	@Test
	void withTheApplicationsDataSourceViewsUseIt() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class, OwnDataSource.class).run(context -> {
			assertThat(context).hasSingleBean(DataSource.class);
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").append(new Put(1, "k", "v"));
			kappa.ready().get(10, TimeUnit.SECONDS);
			assertThat(new JdbcTemplate(context.getBean(DataSource.class)).queryForObject("SELECT \"VALUE\" FROM \"kv\"", String.class))
				.isEqualTo("v");
			assertThat(Files.exists(this.storage.resolve("views"))).isFalse();
		});
	}

	@Test
	void springDatasourceUrlIsTheApplicationsDatabase() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:app-" + System.nanoTime())
			.run(context -> {
				assertThat(context.getBean(HikariDataSource.class).getJdbcUrl()).startsWith("jdbc:h2:mem:app-");
				assertThat(context.getBean(Kappa.class).ready()).succeedsWithin(java.time.Duration.ofSeconds(10));
			});
	}

	@Test
	void kappaViewsDatasourcePointsViewsElsewhere() {
		Path db = this.storage.resolve("elsewhere").resolve("db");
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class)
			.withPropertyValues("kappa.views.datasource=jdbc:h2:file:" + db)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(Files.exists(this.storage.resolve("elsewhere/db.mv.db"))).isTrue();
			});
	}

	@Test
	void kappaViewsDatasourceConflictingWithTheApplicationsOwnFailsClearly() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class, OwnDataSource.class)
			.withPropertyValues("kappa.views.datasource=jdbc:h2:mem:x")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("kappa.views.datasource")
					.contains("jdbc:h2:mem:x")
					.contains("its own DataSource");
			});
	}

	@Test
	void badBatchSizeFailsClearly() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class).withPropertyValues("kappa.views.batch-size=0")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("kappa.views.batch-size")
					.contains("at least 1");
			});
	}
}
