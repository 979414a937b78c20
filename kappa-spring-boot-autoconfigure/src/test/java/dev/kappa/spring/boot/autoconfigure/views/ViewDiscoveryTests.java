package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.spring.boot.autoconfigure.StartupMessages.messages;
import static org.assertj.core.api.Assertions.assertThat;

/** A malformed view fails start-up with a message naming the class and the problem. */
class ViewDiscoveryTests {

	@TempDir
	Path storage;

	private void assertFails(Class<?> view, String... fragments) {
		ViewsContext.runner(this.storage).withUserConfiguration(view).run(context -> {
			assertThat(context).hasFailed();
			String messages = messages(context.getStartupFailure());
			assertThat(messages).contains(view.getName());
			for (String fragment : fragments) {
				assertThat(messages).contains(fragment);
			}
		});
	}

	@Test
	void viewWithoutHandler() {
		assertFails(BadViews.NoHandler.class, "has no @OnEntry method");
	}

	@Test
	void handlerWithTooManyParameters() {
		assertFails(BadViews.ThreeParameters.class, "@OnEntry method on", "takes 3 parameters");
	}

	@Test
	void handlerWithRawLogEntry() {
		assertFails(BadViews.RawEntry.class, "raw LogEntry");
	}

	@Test
	void twoViewsWithOneName() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class, BadViews.SecondKv.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("Two @KappaView classes are named 'kv'")
				.contains(KvView.class.getName())
				.contains(BadViews.SecondKv.class.getName());
		});
	}

	@Test
	void tableClassWithoutId() {
		assertFails(BadViews.TableWithoutId.class, BadViews.NoId.class.getName(), "@Id");
	}

	@Test
	void unsupportedColumnType() {
		assertFails(BadViews.UnsupportedColumn.class, "thread", "java.lang.Thread");
	}
}
