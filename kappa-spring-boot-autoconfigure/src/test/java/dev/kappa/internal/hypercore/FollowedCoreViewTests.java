package dev.kappa.internal.hypercore;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.engine.KappaEngine;
import dev.kappa.internal.hypercore.NodeHarness.NodeProcess;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.schema.SchemaGenerator;
import dev.kappa.internal.indexer.RawBlocksView;
import dev.kappa.internal.indexer.ViewDeclaration;
import dev.kappa.internal.indexer.ViewEngine;
import dev.kappa.view.ViewErrorPolicy;
import dev.kappa.internal.indexer.ViewOptions;
import dev.kappa.internal.indexer.ViewSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A core a real Node hypercore 11 writer fills with plain-text blocks ({@code serve.js}: "entry-i", no kappa
 * envelopes) is followed and fed to a view: its {@code LogEntry<byte[]>} and {@code LogEntry<JsonNode>} handlers
 * receive every block as type {@code hypercore-block}, live while Node appends; its typed handler receives none,
 * and the view never stops.
 */
class FollowedCoreViewTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	@Test
	void plainBlocksOfAFollowedNodeCoreReachRawHandlersLive() throws Exception {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "1000", "--compat");
				KappaEngine engine = KappaEngine.open(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER),
						JsonMapper.builder().build(), Clock.systemUTC());
				HikariDataSource dataSource = new HikariDataSource()) {
			JsonNode served = writer.next(TIMEOUT);
			LogKey key = LogKey.parse(served.get("key").asString());
			dataSource.setJdbcUrl("jdbc:h2:mem:followed-view-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
			ViewEngine views = startView(engine, dataSource);
			try (HypercoreNode node = new HypercoreNode(engine.store(), Ed25519.KeyPair.generate(), HypercoreOptions.defaults()
				.withPeers(List.of(URI.create("tcp://127.0.0.1:" + served.get("port").asInt())))
				.withFollow(List.of(key)))) {
				node.start();
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				await().atMost(TIMEOUT).until(() -> rawBlocks(jdbc) == 1000);
				writer.command("append 250");
				assertThat(writer.next(TIMEOUT).get("length").asLong()).isEqualTo(1250);
				await().atMost(TIMEOUT).until(() -> rawBlocks(jdbc) == 1250);
				String prefix = key.toString().substring(0, 8) + "/";
				for (int seq : new int[] { 0, 999, 1000, 1249 }) {
					assertThat(jdbc.queryForMap("SELECT \"TYPE\", \"BYTES\", \"JSON\", \"TIMESTAMPED\" FROM \"raw_blocks\" WHERE \"ID\" = ?",
							prefix + seq))
						.containsExactlyInAnyOrderEntriesOf(Map.of("TYPE", "hypercore-block", "BYTES", "entry-" + seq,
								"JSON", "entry-" + seq, "TIMESTAMPED", false));
				}
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"raw_notes\"", Long.class)).isZero();
				assertThat(views.status("raw-blocks").lastError()).isNull();
			}
			finally {
				views.close();
			}
		}
	}

	private static ViewEngine startView(KappaEngine engine, HikariDataSource dataSource) {
		ViewDeclaration declaration = ViewDeclaration.of(RawBlocksView.class);
		var prepared = ViewSchema.prepare(dataSource, new SchemaGenerator(new JdbcMappingContext(), JdbcH2Dialect.INSTANCE),
				List.of(declaration));
		ViewEngine views = new ViewEngine(engine, dataSource, prepared.values(), new ViewOptions(500, ViewErrorPolicy.STOP));
		views.start(Map.of(declaration.name(), new RawBlocksView()));
		return views;
	}

	private static long rawBlocks(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM \"raw_blocks\" WHERE \"TYPE\" = 'hypercore-block'", Long.class);
	}
}
