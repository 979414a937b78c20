package dev.kappa.sample;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogReader;
import dev.kappa.spring.boot.test.KappaTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv view of the sample over HTTP, and validation of posted entries. The context gets a fresh storage dir from
 * kappa-spring-boot-starter-test (the rebuild of the view across restarts is tested on the built jar, SampleJarIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KvEndpointsTests {

	@LocalServerPort
	int port;

	@Autowired
	Kappa kappa;

	@Test
	void theSeedIsInTheKvViewAndNewEntriesUpdateIt() throws Exception {
		KappaTestSupport.awaitViews(this.kappa);
		SampleHttp http = new SampleHttp(this.port);
		JsonNode all = http.get("/kv").json();
		assertThat(all).hasSize(3);
		assertThat(all.get(0).get("key").asString()).isEqualTo("berries");
		assertThat(all.get(0).get("value").asString()).isEqualTo("room temp");
		assertThat(http.get("/kv/nothing").status()).isEqualTo(404);

		assertThat(http.post("/entries", "{\"id\": 7, \"key\": \"sandwich\", \"value\": \"hot\"}").status()).isEqualTo(201);
		KappaTestSupport.awaitViews(this.kappa, "kv");
		assertThat(http.get("/kv/sandwich").json().get("value").asString()).isEqualTo("hot");
	}

	@Test
	void anEntryWithANullKeyIs400NamingKeyAndNothingIsAppended() throws Exception {
		SampleHttp http = new SampleHttp(this.port);
		LogReader log = this.kappa.log(this.kappa.writer("default").key()).orElseThrow();
		long before = log.length();
		SampleHttp.Response response = http.post("/entries", "{\"id\": 1, \"key\": null, \"value\": \"x\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).contains("key");
		assertThat(http.post("/entries", "{\"id\": 2, \"key\": \" \", \"value\": \"x\"}").status()).isEqualTo(400);
		assertThat(log.length()).isEqualTo(before);
		KappaTestSupport.awaitViews(this.kappa);
		assertThat(this.kappa.status("kv").lastError()).isNull();
	}
}
