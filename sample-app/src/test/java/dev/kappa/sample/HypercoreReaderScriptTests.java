package dev.kappa.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shipped Node reader ({@code sample-app/hypercore/read-log.mjs}, shown in docs/hypercore.md) against the
 * sample started with {@code kappa.hypercore.port}: it downloads and verifies the seed entries of the
 * {@code default} log, then an entry posted while it stays connected; and the sample following the shipped
 * Node writer ({@code serve-core.mjs}): its core of 1,000 entries listed by {@code GET /logs}, growing while
 * Node appends, and indexed by the sample's view.
 */
class HypercoreReaderScriptTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path storage;

	@Test
	void shippedNodeReaderReadsTheSeedThenALiveEntry() throws Exception {
		Path scripts = installScripts();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--kappa.storage-dir=" + this.storage, "--kappa.hypercore.port=0",
				"--kappa.hypercore.bind-address=127.0.0.1")) {
			SampleHttp http = new SampleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			String key = http.get("/logs").json().get(0).get("key").asString();
			String port = context.getEnvironment().getProperty("local.kappa.hypercore.port");
			Process reader = new ProcessBuilder("node", "read-log.mjs", "127.0.0.1:" + port, key)
				.directory(scripts.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			try {
				BlockingQueue<String> lines = lines(reader);
				for (Put seed : SeedEntries.SEED) {
					JsonNode line = JSON.readTree(next(lines));
					assertThat(line.get("type").asString()).isEqualTo("put");
					assertThat(line.get("value").get("key").asString()).isEqualTo(seed.key());
				}
				assertThat(http.post("/entries", "{\"id\": 9, \"key\": \"tea\", \"value\": \"hot\"}").status()).isEqualTo(201);
				JsonNode live = JSON.readTree(next(lines));
				assertThat(live.get("value").get("key").asString()).isEqualTo("tea");
				assertThat(live.get("value").get("value").asString()).isEqualTo("hot");
			}
			finally {
				reader.destroyForcibly();
			}
		}
	}

	@Test
	void sampleFollowsTheShippedNodeCoreLive() throws Exception {
		Path scripts = installScripts();
		Path coreDir = this.storage.resolve("node-core");
		ProcessBuilder serve = new ProcessBuilder("node", "serve-core.mjs", "0", "1000").directory(scripts.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		serve.environment().put("CORE_DIR", coreDir.toString());
		Process writer = serve.start();
		try {
			JsonNode served = JSON.readTree(next(lines(writer)));
			String key = served.get("key").asString();
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
					"--server.port=0", "--kappa.storage-dir=" + this.storage.resolve("kappa"),
					"--kappa.hypercore.peers=tcp://127.0.0.1:" + served.get("port").asInt(),
					"--kappa.hypercore.follow=" + key)) {
				SampleHttp http = new SampleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
				await().atMost(Duration.ofSeconds(30)).until(() -> length(http, key) >= 1000);
				long seen = length(http, key);
				await().atMost(Duration.ofSeconds(30)).until(() -> length(http, key) > seen);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> http.get("/kv/node-999").status() == 200);
				assertThat(http.get("/kv/node-999").json().get("value").asString()).isEqualTo("from node");
			}
		}
		finally {
			writer.destroyForcibly();
		}
	}

	/** The length {@code GET /logs} lists for {@code key}, or -1. */
	private static long length(SampleHttp http, String key) throws Exception {
		for (JsonNode log : http.get("/logs").json()) {
			if (log.get("key").asString().equals(key)) {
				return log.get("length").asLong();
			}
		}
		return -1;
	}

	private static String next(BlockingQueue<String> lines) throws InterruptedException {
		String line = lines.poll(60, TimeUnit.SECONDS);
		assertThat(line).as("a line from read-log.mjs within 60 s").isNotNull();
		return line;
	}

	private static BlockingQueue<String> lines(Process process) {
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread pump = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				in.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				// the process went away
			}
		}, "read-log.mjs");
		pump.setDaemon(true);
		pump.start();
		return lines;
	}

	/** Copies the shipped scripts to target/ and runs {@code npm ci} there; skips if Node is not installed. */
	private static Path installScripts() throws IOException, InterruptedException {
		boolean node;
		try {
			node = new ProcessBuilder("node", "--version").start().waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			node = false;
		}
		Assumptions.assumeTrue(node, "SKIPPED: 'node' is not installed; the shipped hypercore reader needs Node 20 and npm");
		Path target = Path.of("target", "hypercore-reader").toAbsolutePath();
		Files.createDirectories(target);
		for (String file : new String[] { "package.json", "package-lock.json", "read-log.mjs", "serve-core.mjs" }) {
			Files.copy(Path.of("hypercore", file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(target.resolve("node_modules").resolve("hypercore"))) {
			Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(target.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(npm.waitFor(180, TimeUnit.SECONDS) && npm.exitValue() == 0).as("npm ci: " + output).isTrue();
		}
		return target;
	}
}
