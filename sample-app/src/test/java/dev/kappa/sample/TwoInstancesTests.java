package dev.kappa.sample;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the sample on one machine, as the README shows: the second dials the first over WebSocket;
 * both end with the same logs and the same kv view, and a write on either reaches the other.
 */
class TwoInstancesTests {

	private static final String NETWORK_KEY = "0123456789abcdef".repeat(4);

	@TempDir
	Path dir;

	private ConfigurableApplicationContext start(String name, String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--kappa.storage-dir=" + this.dir.resolve(name);
		all[2] = "--kappa.replication.network-key=" + NETWORK_KEY;
		System.arraycopy(args, 0, all, 3, args.length);
		return new SpringApplicationBuilder(SampleApplication.class).run(all);
	}

	private static SampleHttp http(ConfigurableApplicationContext context) {
		return new SampleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void twoInstancesConverge() throws Exception {
		try (ConfigurableApplicationContext a = start("a", "--kappa.replication.port=0")) {
			int port = a.getEnvironment().getRequiredProperty("local.kappa.replication.port", Integer.class);
			try (ConfigurableApplicationContext b = start("b", "--kappa.replication.peers=ws://127.0.0.1:" + port + "/kappa/replicate")) {
				SampleHttp httpA = http(a);
				SampleHttp httpB = http(b);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(httpB.get("/logs").json()).hasSize(2);
					assertThat(httpA.get("/logs").json()).hasSize(2);
				});
				httpB.post("/entries", "{\"id\": 9, \"key\": \"soup\", \"value\": \"from b\"}");
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					JsonNode kvA = httpA.get("/kv").json();
					assertThat(kvA.toString()).isEqualTo(httpB.get("/kv").json().toString());
					assertThat(httpA.get("/kv/soup").json().get("value").asString()).isEqualTo("from b");
				});
			}
		}
	}
}
