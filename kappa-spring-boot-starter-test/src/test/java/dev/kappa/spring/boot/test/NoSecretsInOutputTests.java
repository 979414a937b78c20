package dev.kappa.spring.boot.test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.spring.boot.test.app.TestApplication;
import dev.kappa.spring.boot.test.app.TestApplication.Put;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicating nodes, every line either prints captured from before the first context starts, at DEBUG for
 * kappa-spring: none holds a network key, node key or log secret key, in hex or base64.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TestApplication.class, properties = { "kappa.replication.port=0",
		"kappa.replication.bind-address=127.0.0.1", "logging.level.dev.kappa=DEBUG" })
class NoSecretsInOutputTests {

	@Autowired
	Kappa kappa;

	@Autowired
	Environment environment;

	@TempDir
	Path dir;

	@Test
	void noKeyOfEitherNodeAppearsInAnyOutputAndKeyFilesAreOwnerOnly(CapturedOutput output) throws Exception {
		Path storage = Path.of(this.environment.getRequiredProperty("kappa.storage-dir"));
		KappaTestSupport.appendAndAwait(this.kappa, "default", new Put("soup", "cold"));
		Path networkKey = storage.resolve("replication/network.key");
		assertThat(output.getAll()).contains(networkKey.toString());
		Path copy = Files.copy(networkKey, this.dir.resolve("network.key"));
		Path second = this.dir.resolve("second/storage");
		int port = this.environment.getRequiredProperty("local.kappa.replication.port", Integer.class);
		try (ConfigurableApplicationContext other = new SpringApplicationBuilder(TestApplication.class).run(
				"--kappa.storage-dir=" + second, "--kappa.replication.network-key-file=" + copy,
				"--logging.level.dev.kappa=DEBUG", "--spring.main.banner-mode=off")) {
			Kappa b = other.getBean(Kappa.class);
			KappaTestSupport.appendAndAwait(b, "other", new Put("bread", "fresh"));
			b.replicate(URI.create("tcp://127.0.0.1:" + port)).get(30, TimeUnit.SECONDS);
			KappaTestSupport.awaitViews(b);
			assertThat(b.logs()).hasSize(2);
			assertThat(KappaSecrets.secrets(second)).containsKeys("replication/node.key");
			assertThat(KappaSecrets.foundIn(output.getAll(), second)).isEmpty();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second))).isEqualTo("rwx------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.getParent()))).isEqualTo("rwx------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(second.resolve("replication/node.key"))))
				.isEqualTo("rw-------");
		}
		assertThat(KappaSecrets.secrets(storage)).containsKeys("replication/network.key", "replication/node.key");
		assertThat(KappaSecrets.secrets(storage).keySet()).anyMatch(name -> name.endsWith("secret.key"));
		assertThat(KappaSecrets.foundIn(output.getAll(), storage)).isEmpty();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(networkKey))).isEqualTo("rw-------");
	}
}
