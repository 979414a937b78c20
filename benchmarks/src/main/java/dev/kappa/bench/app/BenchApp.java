package dev.kappa.bench.app;

import dev.kappa.bench.kv.KvView;
import dev.kappa.bench.unique.TodoView;
import dev.kappa.core.Kappa;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The application the end-to-end phases start: the starter's auto-configuration (from the real imports files),
 * its default view database and pool, and one view bean chosen by {@code bench.view} ({@code kv}, {@code kv-v2},
 * {@code unique}, {@code unique-v2}; anything else: no view).
 */
@SpringBootApplication
public class BenchApp {

	/** The property choosing the view bean. */
	public static final String VIEW = "bench.view";

	@Bean
	@ConditionalOnProperty(name = VIEW, havingValue = "kv")
	KvView kvView() {
		return new KvView();
	}

	@Bean
	@ConditionalOnProperty(name = VIEW, havingValue = "kv-v2")
	KvView.Next kvViewNext() {
		return new KvView.Next();
	}

	@Bean
	@ConditionalOnProperty(name = VIEW, havingValue = "unique")
	TodoView todoView() {
		return new TodoView();
	}

	@Bean
	@ConditionalOnProperty(name = VIEW, havingValue = "unique-v2")
	TodoView.Next todoViewNext() {
		return new TodoView.Next();
	}

	@Bean
	ViewsClock viewsClock(ObjectProvider<Kappa> kappa, @Value("${bench.view-name:}") String viewName) {
		return new ViewsClock(kappa, viewName);
	}

	@Bean
	ViewsClock.Probe viewsProbe(ViewsClock clock) {
		return clock.probe();
	}
}
