package dev.kappa.internal.indexer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process indexing views is killed with SIGKILL several times; after it finally finishes, a counting view
 * (which would show any entry applied twice or never) holds exact counts, and the tables equal those of a
 * database built from scratch in one go. On PostgreSQL each transaction holds; on H2, which can keep part of a
 * transaction after a kill (h2database #2080), the views are rebuilt after each unclean shutdown
 * ({@link UncleanShutdown}).
 */
@DisabledOnOs(OS.WINDOWS)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExactlyOnceCrashTests {

	@Parameter
	TestDatabase database;

	private static final int PER_LOG = 12_000;

	@TempDir
	Path dir;

	@Test
	void everyEntryAffectsTheViewsExactlyOnceAcrossKills() throws Exception {
		Path storage = this.dir.resolve("storage");
		List<String> logs = new ArrayList<>();
		try (KappaEngine engine = KappaEngine.open(storage, LogOptions.defaults(), JsonMapper.builder().build(),
				java.time.Clock.systemUTC())) {
			for (String name : List.of("a", "b", "c")) {
				var writer = engine.writer(name);
				logs.add(writer.key().toString());
				for (int i = 0; i < PER_LOG; i += 500) {
					List<KvPut> batch = new ArrayList<>();
					for (int k = i; k < i + 500; k++) {
						batch.add(new KvPut(name + (k % 700), "v" + k));
					}
					writer.appendAll(batch);
				}
			}
		}
		String killed = this.database.newDurableUrl(this.dir.resolve("killed"));
		int kills = 0;
		for (int round = 0; round < 4; round++) {
			if (run(storage, killed, true)) {
				break;
			}
			kills++;
		}
		assertThat(kills).as("the child was killed while indexing").isPositive();
		assertThat(run(storage, killed, false)).isTrue();
		String scratch = this.database.newDurableUrl(this.dir.resolve("scratch"));
		assertThat(run(storage, scratch, false)).isTrue();

		List<String> counts = rows(killed, "SELECT * FROM \"counts\"");
		assertThat(counts).hasSize(3);
		for (String log : logs) {
			assertThat(counts).contains("{LOG=" + log + ", ENTRIES=" + PER_LOG + "}");
		}
		assertThat(rows(killed, "SELECT * FROM \"kappa_kv\"")).hasSize(2100).isEqualTo(rows(scratch, "SELECT * FROM \"kappa_kv\""));
		assertThat(rows(killed, "SELECT * FROM kappa_view_checkpoints")).isEqualTo(rows(scratch, "SELECT * FROM kappa_view_checkpoints"));
	}

	/** Runs the child; with {@code kill}, SIGKILLs it after a random number of progress lines. True if it finished. */
	private boolean run(Path storage, String jdbcUrl, boolean kill) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				IndexingChild.class.getName(), storage.toString(), jdbcUrl, "300")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		int killAfter = 1 + ThreadLocalRandom.current().nextInt(6);
		boolean done = false;
		try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int progress = 0;
			while ((line = in.readLine()) != null) {
				if (line.equals("DONE")) {
					done = true;
				}
				if (kill && line.startsWith("PROGRESS") && ++progress >= killAfter) {
					process.destroyForcibly();
					break;
				}
			}
		}
		process.waitFor();
		return done && process.exitValue() == 0;
	}

	private static List<String> rows(String jdbcUrl, String sql) {
		return ViewTestDatabase.rows(jdbcUrl, sql);
	}
}
