package dev.kappa.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogReader;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv view of the sample over HTTP, and its rebuild when the stored version differs: on its default H2 file,
 * and on PostgreSQL with the documented {@code --spring.datasource.url=jdbc:postgresql://...}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class KvEndpointsTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path storage;

	/** The PostgreSQL database of this test (restarts reuse it, as they reuse the storage dir). */
	private String url;

	private ConfigurableApplicationContext start() throws Exception {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--kappa.storage-dir=" + this.storage));
		if (this.database == TestDatabase.POSTGRESQL) {
			if (this.url == null) {
				this.url = this.database.newUrl();
			}
			args.add("--spring.datasource.url=" + this.url);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run(args.toArray(String[]::new));
		assertThat(context.getBean(JdbcTemplate.class).getDataSource().getConnection().getMetaData().getURL())
			.startsWith(this.database == TestDatabase.H2 ? "jdbc:h2:file:" : "jdbc:postgresql:");
		context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
		return context;
	}

	private static SampleHttp http(ConfigurableApplicationContext context) {
		return new SampleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@Test
	void theSeedIsInTheKvViewAndNewEntriesUpdateIt() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			JsonNode all = http.get("/kv").json();
			assertThat(all).hasSize(3);
			assertThat(all.get(0).get("key").asString()).isEqualTo("berries");
			assertThat(all.get(0).get("value").asString()).isEqualTo("room temp");
			assertThat(http.get("/kv/soup").json().get("value").asString()).isEqualTo("cold");
			assertThat(http.get("/kv/nothing").status()).isEqualTo(404);

			http.post("/entries", "{\"id\": 7, \"key\": \"soup\", \"value\": \"hot\"}");
			context.getBean(Kappa.class).ready("kv").get(30, TimeUnit.SECONDS);
			assertThat(http.get("/kv/soup").json().get("value").asString()).isEqualTo("hot");
		}
	}

	@Test
	void aDifferentStoredVersionRebuildsTheViewFromTheLogsOnRestart() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// as if the view had been built by an older version of the app, with rows the new one would not write
			jdbc.update(this.database.sql("INSERT INTO \"kv\" (\"KEY\", \"VALUE\", \"WRITTEN_AT\", \"LOG\", \"SEQ\") VALUES ('stale', 'x', CURRENT_TIMESTAMP, 'none', 0)"));
			jdbc.update("UPDATE kappa_views SET view_version = 0 WHERE view_name = 'kv'");
		}
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			assertThat(http.get("/kv/stale").status()).isEqualTo(404);
			assertThat(http.get("/kv").json()).hasSize(3);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(
					"SELECT view_version FROM kappa_views WHERE view_name = 'kv'", Integer.class)).isEqualTo(1);
			assertThat(context.getBean(Kappa.class).status("kv").processed()).isEqualTo(3);
		}
	}

	@Test
	void anEntryWithANullKeyIs400NamingKeyAndNothingIsAppended() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			SampleHttp http = http(context);
			Kappa kappa = context.getBean(Kappa.class);
			LogReader log = kappa.log(kappa.writer("default").key()).orElseThrow();
			long before = log.length();
			SampleHttp.Response response = http.post("/entries", "{\"id\": 1, \"key\": null, \"value\": \"x\"}");
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body()).contains("key");
			assertThat(http.post("/entries", "{\"id\": 2, \"key\": \" \", \"value\": \"x\"}").status()).isEqualTo(400);
			assertThat(log.length()).isEqualTo(before);
			kappa.ready("kv").get(30, TimeUnit.SECONDS);
			assertThat(kappa.status("kv").lastError()).isNull();
		}
	}
}
