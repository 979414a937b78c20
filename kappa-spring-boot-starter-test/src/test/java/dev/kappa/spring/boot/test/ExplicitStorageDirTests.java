package dev.kappa.spring.boot.test;

import java.nio.file.Path;

import dev.kappa.spring.boot.test.app.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code kappa.storage-dir} given for the test is used as it is. */
@SpringBootTest(classes = TestApplication.class)
class ExplicitStorageDirTests {

	@TempDir
	static Path chosen;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("kappa.storage-dir", () -> chosen.resolve("mine").toString());
	}

	@Autowired
	Environment environment;

	@Test
	void aStorageDirSetForTheTestIsKept() {
		assertThat(this.environment.getProperty("kappa.storage-dir")).isEqualTo(chosen.resolve("mine").toString());
		assertThat(chosen.resolve("mine/views/views.mv.db")).exists();
	}
}
