package dev.kappa.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import dev.kappa.spring.boot.test.KappaSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built sample jar as a user runs it ({@code java -jar}, in child JVMs): views on disk, so a restart replays
 * nothing; a stored version that differs rebuilds the view; a second instance on a held storage dir gets Spring
 * Boot's failure report; no key ever appears in the output.
 */
class SampleJarIT {

	@TempDir
	Path dir;

	@Test
	void restartsReplayNothingAVersionChangeRebuildsAndNoKeyIsEverPrinted() throws Exception {
		Path storage = this.dir.resolve("storage");
		String storageArg = "--kappa.storage-dir=" + storage;
		StringBuilder allOutput = new StringBuilder();
		try (SampleProcess first = SampleProcess.start(storageArg, "--kappa.replication.port=0",
				"--kappa.replication.bind-address=127.0.0.1")) {
			SampleHttp http = new SampleHttp(first.started().get(240, TimeUnit.SECONDS));
			assertThat(http.post("/entries", "{\"id\": 7, \"key\": \"soup\", \"value\": \"hot\"}").status()).isEqualTo(201);
			awaitKv(http, "soup", "hot");
			secondInstanceOnTheSameStorageDirIsRefusedWithAReport(storageArg, first.pid(), allOutput);
			first.close();
			allOutput.append(first.output());
			assertThat(first.output()).contains("View 'kv' (version 1) is current: 0 entries, nothing to replay");
		}
		assertThat(storage.resolve("views/views.mv.db")).exists();

		try (SampleProcess second = SampleProcess.start(storageArg)) {
			SampleHttp http = new SampleHttp(second.started().get(240, TimeUnit.SECONDS));
			assertThat(second.output()).contains("View 'kv' (version 1) is current: 4 entries, nothing to replay");
			assertThat(http.get("/kv/soup").json().get("value").asString()).isEqualTo("hot");
			second.close();
			allOutput.append(second.output());
		}

		// as if the view had been built by an older version of the app, with a row the new one would not write
		try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + storage.resolve("views/views"));
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE kappa_views SET view_version = 0 WHERE view_name = 'kv'");
			statement.executeUpdate("INSERT INTO \"kv\" (\"KEY\", \"VALUE\", \"WRITTEN_AT\", \"LOG\", \"SEQ\")"
					+ " VALUES ('stale', 'x', CURRENT_TIMESTAMP, 'none', 0)");
		}
		try (SampleProcess third = SampleProcess.start(storageArg)) {
			SampleHttp http = new SampleHttp(third.started().get(240, TimeUnit.SECONDS));
			assertThat(third.output()).contains("View 'kv' (version 1) is rebuilt (version 0 -> 1): 4 entries to replay");
			awaitKv(http, "soup", "hot");
			assertThat(http.get("/kv/stale").status()).isEqualTo(404);
			assertThat(http.get("/kv").json()).hasSize(3);
			third.close();
			allOutput.append(third.output());
		}

		assertThat(KappaSecrets.secrets(storage)).containsKeys("replication/network.key", "replication/node.key");
		assertThat(KappaSecrets.foundIn(allOutput.toString(), storage)).isEmpty();
		assertThat(allOutput).contains(storage.resolve("replication/network.key").toString());
		// started under umask 000: the storage dir and keys are owner-only all the same
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.resolve("replication/network.key"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage.resolve("replication/node.key"))))
			.isEqualTo("rw-------");
	}

	private static void secondInstanceOnTheSameStorageDirIsRefusedWithAReport(String storageArg, long holder,
			StringBuilder allOutput) throws Exception {
		try (SampleProcess intruder = SampleProcess.start(storageArg)) {
			assertThat(intruder.exitCode()).isNotZero();
			String output = intruder.output();
			allOutput.append(output);
			assertThat(output).contains("APPLICATION FAILED TO START")
				.contains("kappa.storage-dir")
				.contains("process " + holder)
				.doesNotContain("\tat ");
		}
	}

	private static void awaitKv(SampleHttp http, String key, String value) throws Exception {
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
			SampleHttp.Response response = http.get("/kv/" + key);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("value").asString()).isEqualTo(value);
		});
	}
}
