package dev.kappa.sample;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app end to end over HTTP on a random port: the seed entries, appending, reading back, and all
 * of it surviving a restart of the application on the same storage directory.
 */
class LogEndpointsTests {

	@TempDir
	Path storage;

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--kappa.storage-dir=" + this.storage);
	}

	private static SampleHttp http(ConfigurableApplicationContext context) {
		return new SampleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void seedsAppendsReadsAndSurvivesARestart() throws Exception {
		String key;
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			JsonNode logs = http.get("/logs").json();
			assertThat(logs).hasSize(1);
			key = logs.get(0).get("key").asString();
			assertThat(logs.get(0).get("length").asLong()).isEqualTo(3);
			assertThat(logs.get(0).get("writable").asBoolean()).isTrue();

			JsonNode soup = http.get("/logs/" + key + "/0").json();
			assertThat(soup.get("type").asString()).isEqualTo("put");
			assertThat(soup.get("value").get("key").asString()).isEqualTo("soup");
			assertThat(soup.get("value").get("value").asString()).isEqualTo("cold");
			assertThat(soup.get("value").get("id").asLong()).isEqualTo(51387);
			assertThat(http.get("/logs/" + key + "/2").json().get("value").get("value").asString()).isEqualTo("room temp");

			SampleHttp.Response posted = http.post("/entries", "{\"id\": 1, \"key\": \"soup\", \"value\": \"hot\"}");
			assertThat(posted.status()).isEqualTo(201);
			assertThat(posted.json().get("seq").asLong()).isEqualTo(3);
			assertThat(posted.json().get("log").asString()).isEqualTo(key);
		}
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			JsonNode logs = http.get("/logs").json();
			assertThat(logs).hasSize(1);
			assertThat(logs.get(0).get("length").asLong()).as("seed not written twice").isEqualTo(4);
			assertThat(http.get("/logs/" + key + "/3").json().get("value").get("value").asString()).isEqualTo("hot");
		}
	}

	@Test
	void unknownLogsAndEntriesAre404AndBadKeys400() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			String key = http.get("/logs").json().get(0).get("key").asString();
			assertThat(http.get("/logs/" + key + "/3").status()).isEqualTo(404);
			assertThat(http.get("/logs/" + "ab".repeat(32) + "/0").status()).isEqualTo(404);
			SampleHttp.Response bad = http.get("/logs/not-a-key/0");
			assertThat(bad.status()).isEqualTo(400);
			assertThat(bad.body()).contains("64 hex characters");
		}
	}
}
