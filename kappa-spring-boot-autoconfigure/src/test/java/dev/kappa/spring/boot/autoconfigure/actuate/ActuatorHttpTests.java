package dev.kappa.spring.boot.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogWriter;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.FragileView;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.KvV1;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.KvV2;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.OpsApp;
import dev.kappa.spring.boot.autoconfigure.actuate.OpsViews.Put;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health, readiness and the kappa endpoint over HTTP, with Actuator on a random port. */
class ActuatorHttpTests {

	@TempDir
	Path storage;

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void mend() {
		FragileView.BROKEN.set(true);
		FragileView.HANDLED.clear();
		KvV2.GATE = null;
	}

	private ConfigurableApplicationContext start(Class<?>... views) {
		List<Class<?>> sources = new ArrayList<>(List.of(OpsApp.class));
		sources.addAll(List.of(views));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).properties("server.port=0",
				"server.address=127.0.0.1", "kappa.storage-dir=" + this.storage,
				// The views' H2 file under the storage dir, so that the second start finds the first one's views.
				"spring.datasource.url=jdbc:h2:file:" + this.storage.resolve("views").toAbsolutePath(),
				"management.endpoints.web.exposure.include=health,kappa",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,kappa")
			.run();
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(context, path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(context, path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
	}

	@Test
	void readinessIsOutOfServiceDuringAVersionBumpRebuildOfOneHundredThousandEntriesThenUp() throws Exception {
		try (ConfigurableApplicationContext first = start(KvV1.class)) {
			Kappa kappa = first.getBean(Kappa.class);
			kappa.pause("kv"); // version 1 only needs to be stored: the test is about the rebuild
			LogWriter writer = kappa.writer("a");
			for (int batch = 0; batch < 10; batch++) {
				List<Put> puts = new ArrayList<>();
				for (int i = batch * 10_000; i < (batch + 1) * 10_000; i++) {
					puts.add(new Put(i, "k" + (i % 1000), "v" + i));
				}
				writer.appendAll(puts);
			}
		}
		CountDownLatch gate = new CountDownLatch(1);
		KvV2.GATE = gate;
		try (ConfigurableApplicationContext second = start(KvV2.class)) {
			HttpResponse<String> rebuilding = get(second, "/actuator/health/readiness");
			assertThat(rebuilding.statusCode()).isEqualTo(503);
			assertThat(rebuilding.body()).contains("OUT_OF_SERVICE");
			HttpResponse<String> kv = get(second, "/actuator/health/kappa/views/kv");
			assertThat(kv.body()).contains("\"state\":\"REBUILDING\"").contains("\"total\":100000");
			// Liveness does not include kappa: a rebuilding node is alive.
			assertThat(get(second, "/actuator/health/liveness").statusCode()).isEqualTo(200);

			gate.countDown();
			second.getBean(Kappa.class).ready("kv").get(60, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> get(second, "/actuator/health/readiness").statusCode() == 200);
			assertThat(get(second, "/actuator/health/kappa").body()).contains("\"processed\":100000");
		}
	}

	@Test
	void aThrowingHandlerMakesKappaHealthDownNamingLogAndSeqAndResumeAfterAFixBringsItUp() throws Exception {
		try (ConfigurableApplicationContext context = start(FragileView.class)) {
			LogWriter writer = context.getBean(Kappa.class).writer("a");
			writer.append(new Put(0, "soup", "hot"));
			writer.append(new Put(1, "sandwich", "boom"));
			writer.append(new Put(2, "berries", "fresh"));

			await().atMost(Duration.ofSeconds(10)).until(() -> get(context, "/actuator/health/kappa").statusCode() == 503);
			HttpResponse<String> down = get(context, "/actuator/health/kappa");
			assertThat(down.body()).contains("\"status\":\"DOWN\"")
				.contains("\"state\":\"FAILED\"")
				.contains("failed at entry 1 of log " + writer.key())
				.contains("cannot digest boom");

			// Entry 0 may have been handled twice before the failure (with entry 1 in a batch that was rolled back,
			// then alone), but the view stopped at entry 1: a resume starts there, never again at 0.
			assertThat(FragileView.HANDLED).contains(0L).doesNotContain(1L, 2L);
			FragileView.HANDLED.clear();
			FragileView.BROKEN.set(false);
			HttpResponse<String> resumed = post(context, "/actuator/kappa/views/fragile/resume");
			assertThat(resumed.statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).until(() -> get(context, "/actuator/health/kappa").statusCode() == 200);
			assertThat(get(context, "/actuator/health/kappa").body()).contains("\"status\":\"UP\"").contains("\"processed\":3");
			assertThat(FragileView.HANDLED).containsExactly(1L, 2L);
		}
	}

	@Test
	void theEndpointShowsViewsLogsAndPeersAndSkipsThenRetriesTheEntryThatStoppedAView() throws Exception {
		try (ConfigurableApplicationContext context = start(FragileView.class)) {
			LogWriter writer = context.getBean(Kappa.class).writer("a");
			writer.append(new Put(0, "soup", "boom"));
			writer.append(new Put(1, "berries", "fresh"));
			await().atMost(Duration.ofSeconds(10)).until(() -> get(context, "/actuator/kappa/views").body().contains("FAILED"));

			HttpResponse<String> all = get(context, "/actuator/kappa");
			assertThat(all.statusCode()).isEqualTo(200);
			assertThat(all.body()).contains("\"views\":[").contains("\"name\":\"fragile\"")
				.contains("\"logs\":[{\"key\":\"" + writer.key() + "\",\"name\":\"a\",\"length\":2,\"writable\":true")
				.contains("\"peers\":[]");

			HttpResponse<String> skipped = post(context, "/actuator/kappa/views/fragile/skip");
			assertThat(skipped.statusCode()).isEqualTo(200);
			assertThat(skipped.body()).contains("\"skipped\":{\"log\":\"" + writer.key() + "\",\"seq\":0");
			context.getBean(Kappa.class).ready("fragile").get(10, TimeUnit.SECONDS);
			HttpResponse<String> view = get(context, "/actuator/kappa/views/fragile");
			assertThat(view.body()).contains("\"state\":\"READY\"").contains("\"deadLetters\":1")
				.contains("cannot digest boom");

			FragileView.BROKEN.set(false);
			HttpResponse<String> retried = post(context, "/actuator/kappa/views/fragile/retry");
			assertThat(retried.body()).contains("\"stillFailing\":[]").contains("\"deadLetters\":0");
			assertThat(FragileView.HANDLED).containsExactly(1L, 0L);

			assertThat(post(context, "/actuator/kappa/views/nope/pause").statusCode()).isEqualTo(400);
			assertThat(post(context, "/actuator/kappa/views/fragile/explode").statusCode()).isEqualTo(400);
		}
	}

	@Test
	void pauseAndResumeOverTheEndpointStopAndRestartIndexingAndRebuildReplaysTheViewFromItsLogs() throws Exception {
		try (ConfigurableApplicationContext context = start(KvV1.class)) {
			Kappa kappa = context.getBean(Kappa.class);
			LogWriter writer = kappa.writer("a");
			writer.append(new Put(0, "soup", "cold"));
			kappa.ready("kv").get(10, TimeUnit.SECONDS);

			assertThat(post(context, "/actuator/kappa/views/kv/pause").statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(get(context, "/actuator/kappa/views/kv").body()).contains("\"state\":\"PAUSED\""));
			writer.append(new Put(1, "berries", "fresh"));
			assertThat(kappa.ready("kv")).isNotDone();
			assertThat(kappa.status("kv").processed()).isEqualTo(1);

			assertThat(post(context, "/actuator/kappa/views/kv/resume").statusCode()).isEqualTo(200);
			kappa.ready("kv").get(10, TimeUnit.SECONDS);
			assertThat(kappa.status("kv").processed()).isEqualTo(2);

			// A row no entry wrote: a rebuild drops the tables and replays the logs, so it goes.
			org.springframework.jdbc.core.JdbcTemplate jdbc = context.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
			jdbc.update("INSERT INTO \"kv\" (\"KEY\", \"VALUE\") VALUES ('stale', 'x')");
			assertThat(post(context, "/actuator/kappa/views/kv/rebuild").statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
					jdbc.queryForList("SELECT \"KEY\" FROM \"kv\" ORDER BY \"KEY\"", String.class))
				.containsExactly("berries", "soup"));
			kappa.ready("kv").get(10, TimeUnit.SECONDS);
			assertThat(kappa.status("kv").processed()).isEqualTo(2);
		}
	}
}
