package dev.kappa.bench.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.kv.KvDatabase;
import dev.kappa.core.ReplicationResult;
import dev.kappa.engine.KappaEngine;
import dev.kappa.log.FsyncPolicy;
import dev.kappa.log.LogOptions;
import dev.kappa.replication.NetworkKey;
import dev.kappa.replication.ReplicationOptions;
import dev.kappa.replication.Replicator;

/**
 * W4: an empty database in this process, with the kv view running, replicates D's log from a {@code serve} child
 * process over loopback TCP (Noise-encrypted, every chunk verified against its signature before it is stored,
 * fsync per stored chunk). Two metrics from the same start: {@code W4_replicate_logs} when the one-shot exchange
 * has completed (all N entries verified and stored), {@code W4_replicate} when the replica's kv view is also ready.
 * <p>
 * Compiled only in builds whose engine has {@code dev.kappa.replication} (see the module's pom).
 */
final class ReplicatePhases {

	private static final LogOptions FSYNC_BATCH = LogOptions.defaults().withFsync(FsyncPolicy.BATCH);

	private ReplicatePhases() {
	}

	/** The child: serves D's logs on a free port of 127.0.0.1 until its stdin closes, then reports its peak RSS. */
	static void serve(Args args) throws Exception {
		Path dir = args.dir();
		NetworkKey key = NetworkKey.parse(args.string("key"));
		try (KappaEngine engine = KvDatabase.openLogs(dir, FSYNC_BATCH);
				Replicator replicator = new Replicator(engine.store(),
						ReplicationOptions.defaults(dir, key).withServer("127.0.0.1", 0, null))) {
			replicator.start();
			System.out.println(replicator.port());
			System.out.flush();
			while (System.in.read() >= 0) {
				// the parent closes our stdin when it is done
			}
		}
		System.out.println(ProcessStats.peakRssMb());
		System.out.flush();
	}

	static void replicate(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		long timeout = args.number("timeout-s", 3600);
		Path replicaDir = Path.of(dir + "-replica");
		Phases.delete(replicaDir);
		NetworkKey key = NetworkKey.generate();
		Process server = startServer(dir, key);
		try (BufferedReader serverOut = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))) {
			String portLine = serverOut.readLine();
			if (portLine == null) {
				throw new IllegalStateException("The serve process ended before it listened (exit " + server.waitFor() + ")");
			}
			int port = Integer.parseInt(portLine.trim());
			double logsMs;
			double readyMs;
			Map<String, Object> heap;
			ReplicationResult result;
			try (KvDatabase db = KvDatabase.prepare(replicaDir, FSYNC_BATCH, 1).start();
					Replicator replicator = new Replicator(db.engine().store(), ReplicationOptions.defaults(replicaDir, key))) {
				long t0 = System.nanoTime();
				result = replicator.replicate(URI.create("tcp://127.0.0.1:" + port)).get(timeout, TimeUnit.SECONDS);
				logsMs = Phases.millisSince(t0);
				db.awaitReady(timeout, TimeUnit.SECONDS);
				readyMs = Phases.millisSince(t0);
				heap = Phases.heapShape(t0);
				Phases.checkLength(result.entriesReceived() == n && db.length() == n,
						"received " + result.entriesReceived() + " entries, hold " + db.length() + ", expected " + n);
				db.check(n);
			}
			try (OutputStream stdin = server.getOutputStream()) {
				// closing it ends the server
			}
			String rssLine = serverOut.readLine();
			if (!server.waitFor(60, TimeUnit.SECONDS) || server.exitValue() != 0) {
				throw new IllegalStateException("The serve process did not end cleanly");
			}
			long serverRss = rssLine == null ? -1 : Long.parseLong(rssLine.trim());
			Map<String, Object> extra = new java.util.LinkedHashMap<>(heap);
			extra.put("rss_mb_server", serverRss);
			extra.put("bytes_received", result.bytesReceived());
			Emit.metric("replicate-logs", args.string("metric", "W4_replicate") + "_logs", n, logsMs, true, extra);
			Emit.metric("replicate", args.string("metric", "W4_replicate"), n, readyMs, true, extra);
		}
		finally {
			server.destroy();
			Phases.delete(replicaDir);
		}
	}

	/** The same JVM, options and class path as this one, running {@code serve}. */
	private static Process startServer(Path dir, NetworkKey key) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent")) {
				command.add(option);
			}
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Phases.class.getName(), "serve", "--dir",
				dir.toString(), "--key", key.toHex()));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}
}
