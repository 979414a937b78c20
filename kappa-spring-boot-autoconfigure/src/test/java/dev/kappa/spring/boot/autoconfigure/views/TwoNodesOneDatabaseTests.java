package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import dev.kappa.core.Kappa;
import dev.kappa.spring.boot.autoconfigure.ImportedAutoConfigurations;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes on one PostgreSQL database: each indexes into a schema of its own ({@code kappa.views.schema},
 * by default made once per storage dir), so their checkpoints never mix; a second live node claiming a schema
 * another holds fails start-up naming the property; a node that stops or whose session dies frees its schema.
 */
class TwoNodesOneDatabaseTests {

	@TempDir
	Path dir;

	final String url = TestDatabase.POSTGRESQL.newUrl();

	private ApplicationContextRunner node(String name) {
		return ImportedAutoConfigurations.runner()
			.withUserConfiguration(ViewsTestConfiguration.class, KvView.class)
			.withPropertyValues("kappa.storage-dir=" + this.dir.resolve(name), "spring.datasource.url=" + this.url);
	}

	private String schemaOf(String node) throws Exception {
		return Files.readString(this.dir.resolve(node).resolve("view-schema")).trim();
	}

	private JdbcTemplate admin(HikariDataSource dataSource) {
		dataSource.setJdbcUrl(this.url);
		return new JdbcTemplate(dataSource);
	}

	@Test
	void twoLiveNodesKeepTheirViewsAndCheckpointsApartAndAClashNamesTheProperty() {
		node("a").run(a -> node("b").run(b -> {
			assertThat(a).hasNotFailed();
			assertThat(b).hasNotFailed();
			a.getBean(Kappa.class).writer("w").appendAll(List.of(new Put(1, "soup", "cold"), new Put(2, "tea", "hot")));
			b.getBean(Kappa.class).writer("w").append(new Put(3, "soup", "warm"));
			a.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
			b.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
			String schemaA = schemaOf("a");
			String schemaB = schemaOf("b");
			assertThat(schemaA).startsWith("kappa_").isNotEqualTo(schemaB);
			assertThat(a.getBean(KvRepository.class).findById("soup")).contains(new KvRow("soup", "cold"));
			assertThat(b.getBean(KvRepository.class).findById("soup")).contains(new KvRow("soup", "warm"));
			try (HikariDataSource dataSource = new HikariDataSource()) {
				JdbcTemplate admin = admin(dataSource);
				String checkpoints = "SELECT log_key || ':' || next_seq FROM %s.kappa_view_checkpoints";
				assertThat(admin.queryForList(checkpoints.formatted(schemaA), String.class))
					.containsExactly(a.getBean(Kappa.class).writer("w").key() + ":2");
				assertThat(admin.queryForList(checkpoints.formatted(schemaB), String.class))
					.containsExactly(b.getBean(Kappa.class).writer("w").key() + ":1");
				assertThat(admin.queryForObject("SELECT COUNT(*) FROM %s.\"kv\"".formatted(schemaA), Long.class)).isEqualTo(2);
				assertThat(admin.queryForObject("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'", Long.class))
					.as("nothing lands outside the nodes' schemas")
					.isZero();
			}
			node("c").withPropertyValues("kappa.views.schema=" + schemaA).run(c -> {
				assertThat(c).hasFailed();
				assertThat(messages(c.getStartupFailure())).contains("kappa.views.schema")
					.contains(schemaA)
					.contains("Another live node");
			});
		}));
	}

	@Test
	void aSchemaIsFreedWhenItsNodeStopsOrItsSessionDies() throws Exception {
		node("a").run(a -> assertThat(a).hasNotFailed());
		String schemaA = schemaOf("a");
		node("c").withPropertyValues("kappa.views.schema=" + schemaA).run(c -> assertThat(c).hasNotFailed());
		node("a").run(a -> {
			assertThat(a).hasNotFailed();
			try (HikariDataSource dataSource = new HikariDataSource()) {
				JdbcTemplate admin = admin(dataSource);
				// as when the node's process or host dies: its session ends without unlocking
				List<Integer> holders = admin.queryForList("SELECT l.pid FROM pg_locks l JOIN pg_namespace n "
						+ "ON l.objid = n.oid WHERE l.locktype = 'advisory' AND l.granted AND n.nspname = ?", Integer.class,
						schemaA);
				assertThat(holders).hasSize(1);
				admin.queryForList("SELECT pg_terminate_backend(?)", Boolean.class, holders.get(0));
			}
			node("c").withPropertyValues("kappa.views.schema=" + schemaA).run(c -> assertThat(c).hasNotFailed());
		});
	}

	@Test
	void aBadSchemaNameFailsStartUpNamingTheProperty() {
		node("a").withPropertyValues("kappa.views.schema=Bad-Name").run(a -> {
			assertThat(a).hasFailed();
			assertThat(messages(a.getStartupFailure())).contains("kappa.views.schema")
				.contains("Bad-Name")
				.contains("lower-case letters");
		});
	}
}
