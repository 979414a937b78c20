package dev.kappa.bench.e2e;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.app.BenchContext;
import dev.kappa.bench.app.Workload;
import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.replication.NetworkKey;

/**
 * W4: an empty database in this process, with the workload's view running, replicates D's log from a {@code serve}
 * child process over loopback TCP (Noise-encrypted, every chunk verified against its signature before it is stored,
 * fsync per stored chunk). Both sides are starter applications ({@code BenchApp}): the child with
 * {@code kappa.replication.port=0}, this one calling {@code Kappa.replicate}. Two metrics from the same start:
 * {@code W4_replicate_logs} when the one-shot exchange has completed (all N entries verified and stored),
 * {@code W4_replicate} when the replica's view is also ready.
 * <p>
 * {@code --warmup K} first replicates K times into scratch replicas in this same JVM (each its own context, closed
 * and deleted before the next), from the same server: the measured run then starts with both JVMs' code compiled,
 * which tells the work itself apart from the JIT's warm-up on this machine (docs/benchmarks.md). Not part of
 * {@code benchmarks/run}'s bars, which measure a fresh replica as a user meets it.
 * <p>
 * Compiled only in builds whose engine has {@code dev.kappa.internal.replication} (see the module's pom).
 */
final class ReplicatePhases {

	private ReplicatePhases() {
	}

	/** The child: serves D's logs on a free port of 127.0.0.1 until its stdin closes, then reports its peak RSS. */
	static void serve(Args args) throws Exception {
		Path dir = args.dir();
		Map<String, Object> server = Map.of("kappa.replication.port", 0, "kappa.replication.bind-address", "127.0.0.1",
				NetworkKey.PROPERTY, args.string("key"));
		try (BenchContext context = BenchContext.open(dir, "none", "", server)) {
			System.out.println(context.property("local.kappa.replication.port"));
			System.out.flush();
			while (System.in.read() >= 0) {
				// the parent closes our stdin when it is done
			}
			if (Boolean.getBoolean("bench.threads")) {
				System.err.println("serve: " + ProcessStats.threadCpuMs());
			}
		}
		System.out.println(ProcessStats.peakRssMb());
		System.out.flush();
	}

	static void replicate(Args args) throws Exception {
		Path dir = args.dir();
		long n = args.number("n");
		long timeout = args.number("timeout-s", 3600);
		Workload workload = Phases.workload(args);
		Path replicaDir = Path.of(dir + "-replica");
		Phases.delete(replicaDir);
		NetworkKey key = NetworkKey.generate();
		Process server = startServer(dir, key);
		try (BufferedReader serverOut = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))) {
			String portLine = serverOut.readLine();
			if (portLine == null || portLine.isBlank() || "null".equals(portLine.trim())) {
				throw new IllegalStateException("The serve process did not listen (exit " + server.waitFor() + ")");
			}
			int port = Integer.parseInt(portLine.trim());
			for (long i = 0, warmups = args.number("warmup", 0); i < warmups; i++) {
				Path scratch = Path.of(dir + "-warmup");
				Phases.delete(scratch);
				try (BenchContext warm = BenchContext.withView(scratch, workload, 1,
						Map.of(NetworkKey.PROPERTY, key.toHex()))) {
					warm.kappa().replicate(URI.create("tcp://127.0.0.1:" + port)).get(timeout, TimeUnit.SECONDS);
					warm.kappa().ready(workload.view()).get(timeout, TimeUnit.SECONDS);
				}
				Phases.delete(scratch);
			}
			double logsMs;
			double readyMs;
			Map<String, Object> heap;
			ReplicationResult result;
			try (BenchContext replica = BenchContext.withView(replicaDir, workload, 1,
					Map.of(NetworkKey.PROPERTY, key.toHex()))) {
				long cpu0 = ProcessStats.processCpuMs();
				long serverCpu0 = ProcessStats.processCpuMs(server.pid());
				long t0 = System.nanoTime();
				result = replica.kappa().replicate(URI.create("tcp://127.0.0.1:" + port)).get(timeout, TimeUnit.SECONDS);
				logsMs = Phases.millisSince(t0);
				replica.kappa().ready(workload.view()).get(timeout, TimeUnit.SECONDS);
				readyMs = Phases.millisSince(t0);
				long cpu = ProcessStats.processCpuMs() - cpu0;
				long serverCpu = ProcessStats.processCpuMs(server.pid()) - serverCpu0;
				heap = new LinkedHashMap<>(Phases.heapShape(t0));
				heap.putAll(ProcessStats.threadCpuMs()); // the replica's threads
				heap.put("cpu_replica_window_ms", cpu); // each process's CPU from the replicate call until ready
				heap.put("cpu_server_window_ms", serverCpu);
				Phases.checkLength(result.entriesReceived() == n && replica.length() == n,
						"received " + result.entriesReceived() + " entries, hold " + replica.length() + ", expected " + n);
				replica.checkViewsInStorageDir(replicaDir);
				workload.check(replica.jdbc(), n);
			}
			try (OutputStream stdin = server.getOutputStream()) {
				// closing it ends the server
			}
			String rssLine = serverOut.readLine();
			if (!server.waitFor(60, TimeUnit.SECONDS) || server.exitValue() != 0) {
				throw new IllegalStateException("The serve process did not end cleanly");
			}
			long serverRss = rssLine == null ? -1 : Long.parseLong(rssLine.trim());
			Map<String, Object> extra = new LinkedHashMap<>(heap);
			extra.put("rss_mb_server", serverRss);
			extra.put("bytes_received", result.bytesReceived());
			String metric = Phases.metric(args, workload, "W4_replicate");
			Emit.metric("replicate-logs", metric + "_logs", n, logsMs, true, Phases.fields(workload, n, extra));
			Emit.metric("replicate", metric, n, readyMs, true, Phases.fields(workload, n, extra));
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
			if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-XX:StartFlight")) {
				command.add(option);
			}
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), Phases.class.getName(), "serve", "--dir",
				dir.toString(), "--key", key.toHex()));
		return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}
}
