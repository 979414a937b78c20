package dev.kappa.bench.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

/**
 * {@code --steps N}: where a context's start went, for finding what kappa adds to the cold open. Runs the phase
 * with Spring's {@link BufferingApplicationStartup} (set through a {@link SpringApplication#withHook hook}, so
 * the phase builds its application as usual) and prints to stderr the N steps with the most self time (a step's
 * time less its child steps'), e.g. {@code spring.beans.instantiate kappaEngine}. Nothing is printed without
 * {@code --steps}.
 */
final class StartupSteps {

	private StartupSteps() {
	}

	static <T> T run(Args args, Callable<T> phase) throws Exception {
		int top = (int) args.number("steps", 0);
		if (top <= 0) {
			return phase.call();
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		T result = SpringApplication.withHook(application -> {
			application.setApplicationStartup(startup);
			return new SpringApplicationRunListener() {
			};
		}, phase::call);
		print(startup.getBufferedTimeline(), top);
		return result;
	}

	private static void print(StartupTimeline timeline, int top) {
		Map<Long, Long> childNanos = new HashMap<>();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		List<String[]> rows = new ArrayList<>();
		List<Long> self = new ArrayList<>();
		for (StartupTimeline.TimelineEvent event : timeline.getEvents()) {
			StartupStep step = event.getStartupStep();
			long nanos = event.getDuration().toNanos() - childNanos.getOrDefault(step.getId(), 0L);
			StringBuilder tags = new StringBuilder();
			for (StartupStep.Tag tag : step.getTags()) {
				if (tag.getKey().equals("beanName") || tag.getKey().equals("postProcessor")
						|| tag.getKey().equals("classFilter") || tag.getKey().equals("beanType")) {
					tags.append(' ').append(tag.getValue());
				}
			}
			self.add(nanos);
			rows.add(new String[] { step.getName() + tags, Long.toString(Duration.ofNanos(nanos).toMillis()),
					Long.toString(event.getDuration().toMillis()) });
		}
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			order.add(i);
		}
		order.sort((a, b) -> Long.compare(self.get(b), self.get(a)));
		System.err.println("self_ms total_ms step (" + rows.size() + " steps)");
		for (int i = 0; i < Math.min(top, order.size()); i++) {
			String[] row = rows.get(order.get(i));
			System.err.printf("%7s %8s %s%n", row[1], row[2], row[0]);
		}
	}
}
