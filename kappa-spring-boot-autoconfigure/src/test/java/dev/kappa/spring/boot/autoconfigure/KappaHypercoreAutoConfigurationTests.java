package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.kappa.core.KappaHypercore;
import dev.kappa.internal.crypto.Ed25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kappa.hypercore.*} through the real imports file. */
class KappaHypercoreAutoConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return ImportedAutoConfigurations.runner().withPropertyValues("kappa.storage-dir=" + this.dir);
	}

	@Test
	void offUnlessConfigured() {
		runner().run(context -> {
			KappaHypercore hypercore = context.getBean(KappaHypercore.class);
			assertThat(hypercore.port()).isEqualTo(-1);
			assertThat(hypercore.isExposed("default")).isFalse();
			assertThat(context.getEnvironment().getProperty(KappaHypercoreLifecycle.PORT_PROPERTY)).isNull();
		});
	}

	@Test
	void servesOnAnyPortAndPublishesIt() {
		runner().withPropertyValues("kappa.hypercore.port=0", "kappa.hypercore.bind-address=127.0.0.1",
				"kappa.hypercore.expose=default,audit")
			.run(context -> {
				KappaHypercore hypercore = context.getBean(KappaHypercore.class);
				assertThat(hypercore.port()).isPositive();
				assertThat(context.getEnvironment().getProperty(KappaHypercoreLifecycle.PORT_PROPERTY, Integer.class))
					.isEqualTo(hypercore.port());
				assertThat(hypercore.isExposed("default")).isTrue();
				assertThat(hypercore.isExposed("audit")).isTrue();
				assertThat(hypercore.isExposed("other")).isFalse();
				hypercore.expose("other");
				assertThat(hypercore.isExposed("other")).isTrue();
				try (java.net.Socket socket = new java.net.Socket("127.0.0.1", hypercore.port())) {
					assertThat(socket.isConnected()).isTrue();
				}
			});
	}

	@Test
	void identityIsAnOwnerOnlyEd25519KeyKeptAcrossRestarts() {
		AtomicReference<byte[]> first = new AtomicReference<>();
		runner().run(context -> first.set(context.getBean(KappaHypercore.class).publicKey()));
		Path file = this.dir.resolve("replication").resolve("hypercore.key");
		runner().run(context -> {
			assertThat(context.getBean(KappaHypercore.class).publicKey()).isEqualTo(first.get());
			byte[] seed = Files.readAllBytes(file);
			assertThat(Ed25519.KeyPair.fromSeed(seed).publicKey()).isEqualTo(first.get());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		});
	}

	@Test
	void anIdleNodeReadsNoIdentityUntilAskedForItsPublicKey() {
		Path file = this.dir.resolve("replication").resolve("hypercore.key");
		runner().run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(file).doesNotExist();
			byte[] key = context.getBean(KappaHypercore.class).publicKey();
			assertThat(file).exists();
			assertThat(Ed25519.KeyPair.fromSeed(Files.readAllBytes(file)).publicKey()).isEqualTo(key);
		});
	}

	@Test
	void aBadIdentityFileFailsTheStartOfANodeThatServesNamingTheFile() throws Exception {
		Path file = this.dir.resolve("replication").resolve("hypercore.key");
		Files.createDirectories(file.getParent());
		Files.write(file, new byte[5]);
		runner().run(context -> assertThat(context).hasNotFailed());
		runner().withPropertyValues("kappa.hypercore.port=0", "kappa.hypercore.bind-address=127.0.0.1")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining(file.toString())
				.hasMessageContaining("is 5 bytes; expected 32"));
	}

	@Test
	void wrongValuesFailNamingTheProperty() {
		runner().withPropertyValues("kappa.hypercore.peers=http://example:1")
			.run(context -> assertThat(context).getFailure().rootCause()
				.hasMessageContaining("kappa.hypercore.peers")
				.hasMessageContaining("tcp://host:port"));
		runner().withPropertyValues("kappa.hypercore.follow=abc")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("kappa.hypercore.follow"));
		// a key that is no Ed25519 public key may be a manifest core's (hypercore 11's default): it is followed
		runner().withPropertyValues("kappa.hypercore.follow=" + "00".repeat(32))
			.run(context -> assertThat(context.getBean(KappaHypercore.class)
				.isFollowed(dev.kappa.core.LogKey.parse("00".repeat(32)))).isTrue());
		runner().withPropertyValues("kappa.hypercore.port=70000")
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("kappa.hypercore.port"));
	}

	@Test
	void configurationMetadataDescribesEveryHypercoreProperty() throws Exception {
		String metadata = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json").readAllBytes());
		for (String property : List.of("kappa.hypercore.port", "kappa.hypercore.bind-address", "kappa.hypercore.expose",
				"kappa.hypercore.peers", "kappa.hypercore.follow")) {
			assertThat(metadata).contains("\"name\": \"" + property + "\"");
		}
	}
}
