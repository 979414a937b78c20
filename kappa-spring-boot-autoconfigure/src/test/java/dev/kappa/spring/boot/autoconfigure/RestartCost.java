package dev.kappa.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.kappa.core.Kappa;
import dev.kappa.core.KappaMessage;
import dev.kappa.spring.boot.autoconfigure.imported.ImportedApplication;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Not a test: what a restart of an application holding N entries costs, through the starter (the real imports
 * files), with views on disk (the default) and, for comparison, with views in an in-memory database (what an
 * application got before KappaDataSourceAutoConfiguration was imported). Run with
 * {@code java -cp <test class path> dev.kappa.spring.boot.autoconfigure.RestartCost [entries] [dir]}.
 */
public final class RestartCost {

	static final AtomicLong CALLS = new AtomicLong();

	@KappaMessage("put")
	record Put(long id, String key, String value) {
	}

	@Table("kv")
	record KvRow(@Id String key, String value) {
	}

	@KappaView(name = "kv", tables = KvRow.class)
	static class KvView {

		@OnEntry
		void on(Put put, ViewTables tables) {
			CALLS.incrementAndGet();
			tables.upsert(new KvRow(put.key(), put.value()));
		}
	}

	private RestartCost() {
	}

	public static void main(String[] args) throws Exception {
		int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("restart-cost");
		for (String mode : List.of("disk", "memory")) {
			Path storage = dir.resolve(mode);
			String[] extra = mode.equals("memory") ? new String[] { "--spring.datasource.url=jdbc:h2:mem:views-" + System.nanoTime() } : new String[0];
			try (ConfigurableApplicationContext context = start(storage, extra)) {
				Kappa kappa = context.getBean(Kappa.class);
				List<Put> batch = new ArrayList<>();
				for (int i = 0; i < entries; i++) {
					batch.add(new Put(i, "k" + (i % 10_000), "v" + i));
					if (batch.size() == 10_000) {
						kappa.writer("default").appendAll(batch);
						batch.clear();
					}
				}
				kappa.ready().get(10, TimeUnit.MINUTES);
			}
			for (int run = 1; run <= 2; run++) {
				CALLS.set(0);
				long t0 = System.nanoTime();
				ConfigurableApplicationContext context = start(storage,
						mode.equals("memory") ? new String[] { "--spring.datasource.url=jdbc:h2:mem:views-" + System.nanoTime() } : new String[0]);
				long contextReady = System.nanoTime();
				context.getBean(Kappa.class).ready().get(10, TimeUnit.MINUTES);
				long viewsReady = System.nanoTime();
				System.out.printf("RESULT %s restart %d: context ready %d ms, views ready %d ms, handler calls %d%n", mode,
						run, (contextReady - t0) / 1_000_000, (viewsReady - t0) / 1_000_000, CALLS.get());
				context.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(Path storage, String... extra) {
		SpringApplication application = new SpringApplication(ImportedApplication.class, KvView.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> arguments = new ArrayList<>(List.of("--kappa.storage-dir=" + storage, "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--logging.level.dev.kappa.internal.indexer.ViewStartReport=INFO"));
		arguments.addAll(List.of(extra));
		return application.run(arguments.toArray(String[]::new));
	}
}
