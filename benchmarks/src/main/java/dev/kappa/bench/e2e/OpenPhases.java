package dev.kappa.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.app.BenchContext;
import dev.kappa.bench.app.Workload;
import dev.kappa.bench.plain.KvRows;
import dev.kappa.bench.plain.PlainApp;
import dev.kappa.bench.plain.TodoRows;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.repository.CrudRepository;

/**
 * W5, side by side in fresh JVMs without a class-data archive: {@code open} starts the kappa application over
 * D (logs and views current) until its views are ready and its table counted; {@code open-plain} starts a plain
 * Boot + Spring Data JDBC + H2 application over a copy of D's view database until a repository has counted the
 * same rows. Both are timed from just before {@code SpringApplication.run} (the JVM's own start is in
 * {@code jvm_uptime_ms}).
 */
final class OpenPhases {

	private OpenPhases() {
	}

	static void open(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		Workload workload = Phases.workload(args);
		long t0 = System.nanoTime();
		try (BenchContext context = StartupSteps.run(args,
				() -> BenchContext.withView(dir, workload, (int) args.number("version"), Map.of()))) {
			context.kappa().ready(workload.view()).get(args.number("timeout-s", 600), TimeUnit.SECONDS);
			long rows = context.jdbc().queryForObject("select count(*) from \"" + workload.table() + "\"", Long.class);
			double ms = Phases.millisSince(t0);
			if (context.clock().firstState() != dev.kappa.core.ViewStatus.State.READY) {
				throw new IllegalStateException("The " + workload.view() + " view was " + context.clock().firstState()
						+ " at open, not READY: is --version the stored version?");
			}
			context.checkViewsInStorageDir(dir);
			Phases.checkLength(rows == workload.keys(n), "counted " + rows + " rows, expected " + workload.keys(n));
			workload.check(context.jdbc(), n);
			Emit.metric("cold-open", Phases.metric(args, workload, "W5_cold_open"), n, ms, false,
					Phases.fields(workload, n, Map.of("jvm_uptime_ms", Math.round(ProcessStats.uptimeMs()))));
		}
	}

	static void openPlain(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		Workload workload = Phases.workload(args);
		Path copy = dir.resolve("plain");
		Phases.delete(copy);
		Files.createDirectories(copy);
		Files.copy(dir.resolve("views").resolve("views.mv.db"), copy.resolve("views.mv.db"),
				StandardCopyOption.REPLACE_EXISTING);
		long t0 = System.nanoTime();
		try (ConfigurableApplicationContext context = StartupSteps.run(args, () -> new SpringApplicationBuilder(PlainApp.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("spring.datasource.url",
					"jdbc:h2:file:" + copy.resolve("views").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
					"spring.main.banner-mode", "off", "spring.main.log-startup-info", "false", "logging.level.root", "warn"))
			.run())) {
			Class<? extends CrudRepository<?, ?>> type = workload == Workload.KV ? KvRows.class
					: TodoRows.class;
			CrudRepository<?, ?> rows = context.getBean(type);
			long count = rows.count();
			double ms = Phases.millisSince(t0);
			Phases.checkLength(count == workload.keys(n), "counted " + count + " rows, expected " + workload.keys(n));
			Emit.metric("cold-open-plain", Phases.metric(args, workload, "W5_plain_boot"), n, ms, false,
					Phases.fields(workload, n, Map.of("jvm_uptime_ms", Math.round(ProcessStats.uptimeMs()))));
		}
		finally {
			Phases.delete(copy);
		}
	}
}
