package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogWriter;
import dev.kappa.internal.engine.KappaEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code kappa.log.fsync=never} an append returns once its entry is queued (kappa.log.linger); through the
 * public API nothing tells: {@code length()}, {@code get(seq)}, {@code ready()} and the context's close see every
 * entry whose append returned. The linger is an hour here, so only those calls can have written them.
 */
class DeferredAppendTests {

	@TempDir
	Path storage;

	private ApplicationContextRunner runner() {
		return ViewsContext.runner(this.storage).withUserConfiguration(KvView.class)
			.withPropertyValues("kappa.log.fsync=never", "kappa.log.linger=1h");
	}

	/** The entries the log holds written and signed, not counting queued ones. */
	private static long written(KappaEngine engine) {
		return engine.store().writer("default").length();
	}

	@Test
	void readsSeeTheirOwnWrites() {
		runner().run(context -> {
			LogWriter writer = context.getBean(Kappa.class).writer("default");
			KappaEngine engine = context.getBean(KappaEngine.class);
			assertThat(writer.append(new Put(1, "soup", "cold"))).isZero();
			assertThat(writer.appendAll(List.of(new Put(2, "tea", "hot"), new Put(3, "ice", "cold")))).isEqualTo(1);
			assertThat(written(engine)).as("queued").isZero();
			assertThat(context.getBean(Kappa.class).log(writer.key()).orElseThrow().get(2, Put.class).value())
				.isEqualTo(new Put(3, "ice", "cold"));
			writer.append(new Put(4, "jam", "sweet"));
			assertThat(context.getBean(Kappa.class).logs().get(0).length()).isEqualTo(4);
			assertThat(written(engine)).isEqualTo(4);
		});
	}

	@Test
	void readyWaitsForQueuedEntries() {
		runner().run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("default").append(new Put(1, "soup", "cold"));
			kappa.writer("default").append(new Put(2, "soup", "warm"));
			assertThat(written(context.getBean(KappaEngine.class))).as("queued").isZero();
			kappa.ready("kv").get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(KvRepository.class).findById("soup")).contains(new KvRow("soup", "warm"));
		});
	}

	@Test
	void closingTheContextWritesQueuedEntries() {
		runner().run(context -> {
			context.getBean(Kappa.class).writer("default").appendAll(List.of(new Put(1, "a", "1"), new Put(2, "b", "2")));
			assertThat(written(context.getBean(KappaEngine.class))).as("queued").isZero();
		});
		runner().run(context -> {
			assertThat(written(context.getBean(KappaEngine.class))).isEqualTo(2);
			context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(KvRepository.class).count()).isEqualTo(2);
		});
	}

	@Test
	void aZeroLingerWritesBeforeAppendReturns() {
		runner().withPropertyValues("kappa.log.linger=0").run(context -> {
			context.getBean(Kappa.class).writer("default").append(new Put(1, "a", "1"));
			assertThat(written(context.getBean(KappaEngine.class))).isEqualTo(1);
		});
	}
}
