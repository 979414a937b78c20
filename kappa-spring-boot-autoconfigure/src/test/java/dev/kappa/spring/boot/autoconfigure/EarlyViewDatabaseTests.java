package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's embedded H2 view database is opened on a thread of its own while the context starts
 * ({@link EarlyViewDatabase}): the pool then finds it open, the early connection is closed once the context has
 * started, a database that cannot be opened fails the start as it always did, and nothing but the starter's own
 * H2 file database is opened early.
 */
class EarlyViewDatabaseTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return ImportedAutoConfigurations.runner().withPropertyValues("kappa.storage-dir=" + this.dir.resolve("node"));
	}

	@Test
	void theStartersViewDatabaseIsOpenedEarlyAndItsConnectionClosedOnceTheContextStarted() {
		runner().run(context -> {
			assertThat(context).hasNotFailed();
			EarlyViewDatabase early = context.getBean(EarlyViewDatabase.class);
			assertThat(early.connection()).as("opened early").isNotNull();
			assertThat(early.connection().isClosed()).as("closed once the context started").isTrue();
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("CALL DATABASE_PATH()", String.class))
				.isEqualTo(this.dir.resolve("node").resolve("views").resolve("views").toString());
		});
	}

	@Test
	void aViewDatabaseThatCannotBeOpenedFailsTheStartAsBefore() throws Exception {
		Path file = this.dir.resolve("node").resolve("views").resolve("views.mv.db");
		Files.createDirectories(file.getParent());
		Files.write(file, "not an H2 database, but long enough to be read as one of its headers".repeat(100).getBytes());
		runner().run(context -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasStackTraceContaining("views.mv.db");
		});
	}

	@Test
	void nothingIsOpenedEarlyWhenAValueOfKappaIsWrong() {
		runner().withPropertyValues("kappa.views.batch-size=0").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure().hasStackTraceContaining("kappa.views.batch-size");
		});
		assertThat(this.dir.resolve("node").resolve("views").resolve("views.mv.db")).doesNotExist();
	}

	@Test
	void nothingIsOpenedEarlyForAnotherDatabase() {
		runner().withPropertyValues("kappa.views.datasource=jdbc:h2:mem:early-" + System.nanoTime())
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(EarlyViewDatabase.class);
			});
		runner().withPropertyValues("spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("app").resolve("db"))
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(EarlyViewDatabase.class);
			});
	}
}
