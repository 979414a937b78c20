package dev.kappa.internal.indexer;

import java.nio.file.Path;
import java.time.Clock;

import dev.kappa.view.builtin.LastWriterWinsKvView;

/**
 * The child process of {@link ExactlyOnceCrashTests}: indexes the logs under a directory into the view
 * database (an H2 file or PostgreSQL) until the views are ready, printing STARTED, progress lines and DONE. Killed with SIGKILL by the
 * test. Arguments: storage dir, JDBC URL, batch size.
 */
public final class IndexingChild {

	public static void main(String[] args) throws Exception {
		try (ViewTestDatabase db = new ViewTestDatabase(Path.of(args[0]), args[1], Clock.systemUTC(),
				Integer.parseInt(args[2]), new CountingView(), new LastWriterWinsKvView())) {
			System.out.println("STARTED");
			System.out.flush();
			// no short timeout: on a loaded machine 36,000 entries may take minutes; the parent kills or waits
			db.views.ready().get(10, java.util.concurrent.TimeUnit.MINUTES);
			System.out.println("DONE");
			System.out.flush();
		}
		System.exit(0);
	}
}
