package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogEntry;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class KappaAutoConfigurationTests {

	@TempDir
	Path dir;

	private ApplicationContextRunner runner() {
		return ImportedAutoConfigurations.runner()
			.withPropertyValues("kappa.storage-dir=" + this.dir);
	}

	record Put(String key, String value) {
	}

	@Test
	void providesKappaOverTheStorageDirectory() {
		runner().run(context -> {
			assertThat(context).hasSingleBean(Kappa.class);
			Kappa kappa = context.getBean(Kappa.class);
			long seq = kappa.writer("default").append(new Put("soup", "cold"));
			LogEntry<Put> entry = kappa.logs().get(0).get(seq, Put.class);
			assertThat(entry.type()).isEqualTo("Put");
			assertThat(entry.value()).isEqualTo(new Put("soup", "cold"));
			assertThat(Files.isDirectory(this.dir.resolve("logs"))).isTrue();
		});
	}

	@Test
	void closesItsFilesWhenTheContextCloses() {
		runner().run(context -> context.getBean(Kappa.class).writer("default").append(Map.of("a", 1)));
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			assertThat(store.writer("default").length()).isEqualTo(1);
		}
	}

	@Test
	void backsOffWhenTheApplicationDefinesKappa() {
		runner().withUserConfiguration(OwnKappa.class).run(context -> {
			assertThat(context).hasSingleBean(Kappa.class);
			assertThat(context.getBean(Kappa.class)).isSameAs(context.getBean(OwnKappa.class).kappa);
		});
	}

	@Test
	void usesTheApplicationsJsonMapper() {
		runner().withBean(JsonMapper.class, () -> JsonMapper.builder()
			.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
			.build()).run(context -> {
				Kappa kappa = context.getBean(Kappa.class);
				kappa.writer("default").append(new Camel("x"));
				JsonNode json = kappa.logs().get(0).get(0, JsonNode.class).value();
				assertThat(json.has("some_field")).isTrue();
			});
	}

	record Camel(String someField) {
	}

	@Test
	void failsWithClearMessageOnBadFsyncMode() {
		runner().withPropertyValues("kappa.log.fsync=sometimes").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("sometimes");
			assertThat(messages(context.getStartupFailure())).contains("kappa.log.fsync").contains("sometimes");
		});
	}

	@Test
	void failsWithClearMessageOnUnwritableStorageDir() throws Exception {
		Path file = Files.createFile(this.dir.resolve("a-file"));
		runner().withPropertyValues("kappa.storage-dir=" + file.resolve("sub")).run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.storage-dir").contains(file.resolve("sub").toString());
		});
	}

	@Test
	void failsWithClearMessageOnNonPositiveFsyncInterval() {
		runner().withPropertyValues("kappa.log.fsync=interval", "kappa.log.fsync-interval=0s").run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("kappa.log.fsync-interval").contains("must be positive");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnKappa {

		final Kappa kappa = mock(Kappa.class);

		@Bean
		Kappa kappa() {
			return this.kappa;
		}
	}

	@Test
	void configurationMetadataDescribesEveryProperty() throws Exception {
		String metadata = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json").readAllBytes());
		for (String property : List.of("kappa.storage-dir", "kappa.log.fsync", "kappa.views.batch-size",
				"kappa.views.on-error", "kappa.views.datasource", "kappa.views.schema", "kappa.replication.port", "kappa.replication.peers",
				"kappa.replication.network-key", "kappa.replication.websocket-path", "kappa.replication.bind-address")) {
			assertThat(metadata).contains("\"name\": \"" + property + "\"");
		}
	}
}
