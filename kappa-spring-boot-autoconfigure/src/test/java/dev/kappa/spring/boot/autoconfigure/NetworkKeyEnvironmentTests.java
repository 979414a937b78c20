package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import dev.kappa.internal.replication.NetworkKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The network key from an environment variable, as Spring Boot's relaxed binding reads it. */
class NetworkKeyEnvironmentTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner withEnvironmentVariable(String name, String value) {
		return ImportedAutoConfigurations.runner()
			.withPropertyValues("kappa.storage-dir=" + this.dir)
			.withInitializer(context -> context.getEnvironment().getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of(name, value))));
	}

	@Test
	void theDocumentedEnvironmentVariableSetsTheNetworkKey() {
		String hex = "5e".repeat(32);
		withEnvironmentVariable(NetworkKey.ENVIRONMENT_VARIABLE, hex).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KappaProperties.class).getReplication().getNetworkKey()).isEqualTo(hex);
			assertThat(ReplicationSettings.networkKey(context.getBean(KappaProperties.class).getReplication(), this.dir)
				.toHex()).isEqualTo(hex);
		});
	}

	@Test
	void theKeyFileCanComeFromTheEnvironmentToo() throws Exception {
		String hex = "7a".repeat(32);
		Path file = java.nio.file.Files.writeString(this.dir.resolve("network-key"), hex);
		withEnvironmentVariable("KAPPA_REPLICATION_NETWORKKEYFILE", file.toString()).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(KappaProperties.class).getReplication().getNetworkKeyFile()).isEqualTo(file);
		});
	}
}
