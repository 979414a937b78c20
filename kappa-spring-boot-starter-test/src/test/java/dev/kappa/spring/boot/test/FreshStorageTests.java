package dev.kappa.spring.boot.test;

import java.nio.file.Path;

import dev.kappa.core.Kappa;
import dev.kappa.spring.boot.test.app.TestApplication;
import dev.kappa.spring.boot.test.app.KvRepository;
import dev.kappa.spring.boot.test.app.TestApplication.Put;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code @SpringBootTest} of an application whose {@code application.properties} names its own storage dir. */
@SpringBootTest(classes = TestApplication.class)
class FreshStorageTests {

	@Autowired
	Environment environment;

	@Autowired
	Kappa kappa;

	@Autowired
	KvRepository repository;

	@Test
	void theContextGetsAFreshTemporaryStorageDirInsteadOfTheApplicationsOwn() {
		Path dir = Path.of(this.environment.getRequiredProperty("kappa.storage-dir"));
		assertThat(dir.toAbsolutePath()).isNotEqualTo(Path.of(TestApplication.APPLICATION_STORAGE).toAbsolutePath());
		assertThat(dir.toAbsolutePath().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath())).isTrue();
		assertThat(dir.resolve("views/views.mv.db")).exists();
		assertThat(Path.of(TestApplication.APPLICATION_STORAGE).resolve("views")).doesNotExist();
	}

	@Test
	void appendAndAwaitMakesEntriesVisibleInViews() {
		long seq = KappaTestSupport.appendAndAwait(this.kappa, "default", new Put("soup", "cold"), new Put("soup", "hot"));
		assertThat(this.kappa.writer("default").key()).isNotNull();
		assertThat(this.kappa.log(this.kappa.writer("default").key()).orElseThrow().length()).isEqualTo(seq + 2);
		assertThat(this.repository.findById("soup")).hasValueSatisfying(row -> assertThat(row.value()).isEqualTo("hot"));
	}
}
