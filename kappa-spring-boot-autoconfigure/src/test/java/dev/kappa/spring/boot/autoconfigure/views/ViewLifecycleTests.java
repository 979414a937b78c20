package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.ViewStatus;
import dev.kappa.spring.boot.autoconfigure.views.LifecycleViews.CounterView;
import dev.kappa.spring.boot.autoconfigure.views.LifecycleViews.FragileView;
import dev.kappa.spring.boot.autoconfigure.views.LifecycleViews.KvViewNewShape;
import dev.kappa.spring.boot.autoconfigure.views.LifecycleViews.KvViewVersion2;
import org.junit.jupiter.api.AfterEach;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Version bumps, shape changes, failing handlers, skipping, pausing, across restarts on one storage dir. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ViewLifecycleTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path storage;

	@AfterEach
	void mend() {
		FragileView.BROKEN.set(true);
	}

	private static List<Put> puts(int from, int count) {
		List<Put> puts = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			puts.add(new Put(i, "k" + (i % 50), "v" + i));
		}
		return puts;
	}

	private static void ready(AssertableApplicationContext context, String... views) throws Exception {
		context.getBean(Kappa.class).ready(views).get(30, TimeUnit.SECONDS);
	}

	private Map<String, Object> kv(AssertableApplicationContext context, String key) {
		return context.getBean(JdbcTemplate.class).queryForMap(this.database.sql("SELECT * FROM \"kv\" WHERE \"KEY\" = ?"), key);
	}

	@Test
	void versionBumpRebuildsTheViewFromAllLogsAndLeavesOtherViewsAlone() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, CounterView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").appendAll(puts(0, 200));
			kappa.writer("b").appendAll(puts(200, 100).stream().map(p -> new Put(p.id(), "b" + p.id(), p.value())).toList());
			ready(context);
			assertThat(kv(context, "k7").get("VALUE")).isEqualTo("v157");
			// a marker only a rebuild of the counter view would remove
			context.getBean(JdbcTemplate.class).update(this.database.sql("INSERT INTO \"counter\" (\"NAME\", \"COUNT\") VALUES ('marker', 42)"));
		});
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvViewVersion2.class, CounterView.class).run(context -> {
			assertThat(context).hasNotFailed();
			ready(context);
			assertThat(kv(context, "k7").get("VALUE")).isEqualTo("V157");
			assertThat(kv(context, "b250").get("VALUE")).isEqualTo("V250");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT COUNT(*) FROM \"kv\""), Long.class)).isEqualTo(150);
			assertThat(context.getBean(JdbcTemplate.class).queryForList(this.database.sql("SELECT \"COUNT\" FROM \"counter\" ORDER BY \"NAME\""), Long.class))
				.containsExactly(300L, 42L);
			ViewStatus status = context.getBean(Kappa.class).status("kv");
			assertThat(status.version()).isEqualTo(2);
			assertThat(status.processed()).isEqualTo(300);
		});
	}

	@Test
	void tableShapeChangeWithoutVersionChangeRebuilds() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class).run(context -> {
			context.getBean(Kappa.class).writer("a").appendAll(puts(0, 120));
			ready(context);
		});
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvViewNewShape.class).run(context -> {
			assertThat(context).hasNotFailed();
			ready(context);
			Map<String, Object> row = kv(context, "k3");
			assertThat(row.get("VALUE")).isEqualTo("v103");
			assertThat(row.get("LENGTH")).isEqualTo(4);
		});
	}

	@Test
	void aFailingHandlerStopsOnlyItsViewAndResumesFromTheSameEntryAfterARestart() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, FragileView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			List<Put> puts = new ArrayList<>(puts(0, 5));
			puts.add(new Put(5, "k5", "boom"));
			puts.addAll(puts(6, 4));
			kappa.writer("a").appendAll(puts);
			String log = kappa.writer("a").key().toString();
			assertThatThrownBy(() -> kappa.ready("fragile").get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.hasMessageContaining("View 'fragile' failed at entry 5 of log " + log)
				.hasMessageContaining("cannot digest boom");
			ViewStatus status = kappa.status("fragile");
			assertThat(status.state()).isEqualTo(ViewStatus.State.FAILED);
			assertThat(status.processed()).isEqualTo(5);
			assertThat(status.lastError()).contains("entry 5 of log " + log).contains("IllegalStateException");
			ready(context, "kv");
			assertThat(kappa.status("kv").state()).isEqualTo(ViewStatus.State.READY);
			assertThat(kappa.writer("a").append(new Put(10, "k10", "v10"))).isEqualTo(10);
			ready(context, "kv");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT COUNT(*) FROM \"seen\""), Long.class)).isEqualTo(5);
		});
		FragileView.BROKEN.set(false);
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, FragileView.class).run(context -> {
			ready(context);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT \"VALUE\" FROM \"seen\" WHERE \"KEY\" = 'k5'"), String.class))
				.isEqualTo("boom");
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT COUNT(*) FROM \"seen\""), Long.class)).isEqualTo(11);
			assertThat(context.getBean(Kappa.class).status("fragile").state()).isEqualTo(ViewStatus.State.READY);
		});
	}

	@Test
	void resumeRetriesAFailedViewWithoutARestart() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(FragileView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").appendAll(List.of(new Put(0, "x", "boom"), new Put(1, "y", "fine")));
			assertThatThrownBy(() -> kappa.ready().get(30, TimeUnit.SECONDS)).hasMessageContaining("entry 0 of log");
			FragileView.BROKEN.set(false);
			kappa.resume("fragile");
			ready(context);
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT COUNT(*) FROM \"seen\""), Long.class)).isEqualTo(2);
		});
	}

	@Test
	void skipModeRecordsTheEntryAndGoesOn() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(FragileView.class)
			.withPropertyValues("kappa.views.on-error=skip")
			.run(context -> {
				Kappa kappa = context.getBean(Kappa.class);
				kappa.writer("a").appendAll(List.of(new Put(0, "x", "one"), new Put(1, "y", "boom"), new Put(2, "z", "three")));
				ready(context);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList(this.database.sql("SELECT \"KEY\" FROM \"seen\" ORDER BY \"KEY\""), String.class)).containsExactly("x", "z");
				Map<String, Object> error = jdbc.queryForMap(this.database.sql("SELECT * FROM kappa_view_errors"));
				assertThat(error.get("VIEW_NAME")).isEqualTo("fragile");
				assertThat(error.get("SEQ")).isEqualTo(1L);
				assertThat(error.get("ENTRY_TYPE")).isEqualTo("put");
				assertThat((String) error.get("ERROR")).contains("cannot digest boom");
				assertThat(kappa.status("fragile").state()).isEqualTo(ViewStatus.State.READY);
				assertThat(kappa.status("fragile").lastError()).contains("entry 1 of log");
			});
	}

	@Test
	void pausedViewsWaitAndResumeCatchesUp() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class, CounterView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.pause("kv");
			kappa.writer("a").appendAll(puts(0, 30));
			ready(context, "counter");
			CompletableFuture<Void> kvReady = kappa.ready("kv");
			assertThat(kappa.status("kv").state()).isEqualTo(ViewStatus.State.PAUSED);
			assertThat(kvReady).isNotDone();
			assertThat(kappa.status("kv").processed()).isZero();
			kappa.resume("kv");
			kvReady.get(30, TimeUnit.SECONDS);
			assertThat(kappa.status("kv").processed()).isEqualTo(30);
		});
	}

	@Test
	void entriesOfOtherTypesAreSkippedWithoutDecoding() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("a").append(new LifecycleViews.Odd("not a put"));
			kappa.writer("a").append(new Put(1, "k", "v"));
			ready(context);
			assertThat(kv(context, "k").get("VALUE")).isEqualTo("v");
			assertThat(kappa.status("kv").processed()).isEqualTo(2);
		});
	}

	@Test
	void unknownViewsAreReported() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			assertThatThrownBy(() -> kappa.status("nope")).hasMessageContaining("No view named 'nope'").hasMessageContaining("[kv]");
			assertThat(kappa.ready("nope")).isCompletedExceptionally();
		});
	}
}
