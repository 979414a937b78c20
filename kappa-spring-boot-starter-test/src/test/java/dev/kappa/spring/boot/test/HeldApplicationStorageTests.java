package dev.kappa.spring.boot.test;

import java.nio.file.Path;

import dev.kappa.core.Kappa;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.spring.boot.test.app.TestApplication;
import dev.kappa.spring.boot.test.app.TestApplication.Put;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While another database holds the application's storage dir (as {@code spring-boot:run} would), a
 * {@code @SpringBootTest} still starts: on its own directory. A second, differently configured context is cached
 * beside the one of {@link FreshStorageTests}, each on its own directory.
 */
@SpringBootTest(classes = TestApplication.class, properties = "spring.application.name=held-storage-test")
class HeldApplicationStorageTests {

	private static LogStore holder;

	@Autowired
	Kappa kappa;

	@BeforeAll
	static void holdTheApplicationsStorageDir() {
		holder = LogStore.open(Path.of(TestApplication.APPLICATION_STORAGE), LogOptions.defaults());
	}

	@AfterAll
	static void release() {
		holder.close();
		KappaTestStorage.delete(Path.of(TestApplication.APPLICATION_STORAGE));
	}

	@Test
	void startsWhileTheApplicationsStorageDirIsHeld() {
		assertThat(KappaTestSupport.appendAndAwait(this.kappa, "default", new Put("k", "v"))).isZero();
	}
}
