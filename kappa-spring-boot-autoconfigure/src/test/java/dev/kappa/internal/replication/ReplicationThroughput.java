package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;

/**
 * Measures one-shot replication of kv-N (N entries {@code {"id":i,"key":"k"+(i%10000),"value":"v"+i}} in
 * one log, appended in batches of 1000) over loopback TCP into an empty node, encrypted and verified, with
 * fsync per stored chunk. Not a test: {@code java -cp <test classpath> dev.kappa.internal.replication.ReplicationThroughput [N...]}.
 */
public final class ReplicationThroughput {

	private ReplicationThroughput() {
	}

	public static void main(String[] args) throws Exception {
		long[] sizes = args.length == 0 ? new long[] { 100_000, 1_000_000 }
				: Stream.of(args).mapToLong(Long::parseLong).toArray();
		for (long n : sizes) {
			run(n);
		}
	}

	private static void run(long n) throws Exception {
		Path dir = Files.createTempDirectory("kappa-replication-throughput");
		try {
			NetworkKey key = NetworkKey.generate();
			try (TestNode sender = TestNode.server(dir.resolve("sender"), key, o -> o);
					TestNode receiver = TestNode.client(dir.resolve("receiver"), key, o -> o)) {
				SignedLog log = sender.store.writer("kv");
				ReplicationTesting.append(log, 0, n, 1000);
				long start = System.nanoTime();
				ReplicationResult result = receiver.replicator.replicate(sender.tcp()).get(10, TimeUnit.MINUTES);
				double seconds = (System.nanoTime() - start) / 1e9;
				long held = receiver.store.find(log.key()).orElseThrow().length();
				if (held != n || result.entriesReceived() != n) {
					throw new IllegalStateException("Received " + result.entriesReceived() + ", hold " + held + " of " + n);
				}
				System.out.printf("kv-%d: %.2f s, %,.0f entries/s, %.1f MB/s on the wire (%,d bytes received)%n", n, seconds,
						n / seconds, result.bytesReceived() / seconds / 1e6, result.bytesReceived());
			}
		}
		finally {
			try (Stream<Path> walk = Files.walk(dir)) {
				walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}
}
