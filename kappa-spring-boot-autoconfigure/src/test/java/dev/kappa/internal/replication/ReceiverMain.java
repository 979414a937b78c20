package dev.kappa.internal.replication;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;

/**
 * Run in a forked JVM by {@link SmallHeapReceiverTests}: replicates once from {@code args[2]} into the store
 * at {@code args[0]} with the network key {@code args[1]}, prints {@code RESULT <entries received>}, exits 0.
 */
public final class ReceiverMain {

	private ReceiverMain() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]);
		ReplicationOptions options = ReplicationOptions.defaults(dir, NetworkKey.parse(args[1]));
		try (LogStore store = LogStore.open(dir, LogOptions.defaults());
				Replicator replicator = new Replicator(store, options)) {
			ReplicationResult result = replicator.replicate(URI.create(args[2])).get(5, TimeUnit.MINUTES);
			System.out.println("RESULT " + result.entriesReceived() + " max-heap " + Runtime.getRuntime().maxMemory());
		}
		System.exit(0);
	}
}
