package dev.kappa.bench.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Memory of this process: peak RSS from {@code /proc/self/status} (VmHWM, the same figure as the Node anchors'
 * getrusage maxrss), the peak of the used heap (the sum of each heap pool's peak: an upper bound), and the used
 * heap after every garbage collection, from GC notifications, to tell a flat heap from a growing one.
 */
final class ProcessStats {

	private static final long START = System.nanoTime();

	private record AfterGc(long nanos, long usedBytes) {
	}

	private static final List<AfterGc> afterGc = new ArrayList<>();

	private ProcessStats() {
	}

	/** Starts listening to GC notifications; call first thing in main. */
	static void install() {
		for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener((notification, handback) -> {
					if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
						var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
						record(info.getGcInfo().getMemoryUsageAfterGc());
					}
				}, null, null);
			}
		}
	}

	private static void record(Map<String, MemoryUsage> afterGcByPool) {
		long used = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			MemoryUsage usage = afterGcByPool.get(pool.getName());
			if (pool.getType() == MemoryType.HEAP && usage != null) {
				used += usage.getUsed();
			}
		}
		synchronized (afterGc) {
			afterGc.add(new AfterGc(System.nanoTime(), used));
		}
	}

	/** Peak resident set size in MB (VmHWM), or -1 where /proc is not there. */
	static long peakRssMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: reported as unknown
		}
		return -1;
	}

	/** The sum of the heap pools' peak usage, in MB. */
	static long heapPeakMb() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				bytes += pool.getPeakUsage().getUsed();
			}
		}
		return mb(bytes);
	}

	/** The largest used heap right after a GC, in MB; -1 if no GC ran. */
	static long heapAfterGcMaxMb() {
		synchronized (afterGc) {
			return afterGc.isEmpty() ? -1 : mb(afterGc.stream().mapToLong(AfterGc::usedBytes).max().orElseThrow());
		}
	}

	/**
	 * The largest used heap after GC in the first and in the second half of the time since {@code sinceNanos}
	 * (MB; -1 for a half without a GC): a flat heap has about the same maximum in both.
	 */
	static long[] heapAfterGcHalvesMb(long sinceNanos) {
		long middle = sinceNanos + (System.nanoTime() - sinceNanos) / 2;
		long first = -1;
		long second = -1;
		synchronized (afterGc) {
			for (AfterGc gc : afterGc) {
				if (gc.nanos() < sinceNanos) {
					continue;
				}
				if (gc.nanos() < middle) {
					first = Math.max(first, mb(gc.usedBytes()));
				}
				else {
					second = Math.max(second, mb(gc.usedBytes()));
				}
			}
		}
		return new long[] { first, second };
	}

	static int gcCount() {
		synchronized (afterGc) {
			return afterGc.size();
		}
	}

	static long maxHeapMb() {
		return mb(Runtime.getRuntime().maxMemory());
	}

	static double uptimeMs() {
		return (System.nanoTime() - START) / 1e6;
	}

	private static long mb(long bytes) {
		return Math.round(bytes / (1024.0 * 1024.0));
	}

	/** CPU time of this process so far (all threads, user and system), in ms; -1 if unknown. */
	static long processCpuMs() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime() / 1_000_000;
		}
		return -1;
	}

	/** CPU time so far of another process (all threads, user and system), in ms, from /proc; -1 if unknown. */
	static long processCpuMs(long pid) {
		try {
			return cpuMs(Files.readString(Path.of("/proc/" + pid + "/stat")));
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * CPU time so far of this process's live threads by what they do, from {@code /proc/self/task} (which, unlike
	 * {@code ThreadMXBean}, also shows the JIT compilers and the garbage collector): {@code cpu_view_ms} (the view
	 * threads, {@code kappa-view-*}), {@code cpu_read_ahead_ms}, {@code cpu_jit_ms} (C1 and C2), {@code cpu_gc_ms}
	 * (G1's workers, marking and refinement) and {@code cpu_other_ms} (the rest: main, Netty, H2, the JVM). Threads
	 * that have ended are not counted (an idle read-ahead thread ends); empty where there is no {@code /proc}.
	 */
	static Map<String, Object> threadCpuMs() {
		long[] ms = new long[6];
		boolean each = Boolean.getBoolean("bench.threads");
		try (var tasks = Files.list(Path.of("/proc/self/task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					long cpu = cpuMs(stat);
					ms[group(name)] += cpu;
					if (each && cpu > 0) {
						System.err.println("thread-cpu " + task.getFileName() + " " + name + " " + cpu + " ms");
					}
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended while we looked
				}
			}
		}
		catch (IOException ex) {
			return Map.of();
		}
		Map<String, Object> cpu = new java.util.LinkedHashMap<>();
		String[] names = { "cpu_view_ms", "cpu_read_ahead_ms", "cpu_jit_ms", "cpu_gc_ms", "cpu_other_ms",
				"cpu_replication_ms" };
		for (int i = 0; i < names.length; i++) {
			cpu.put(names[i], ms[i]);
		}
		return cpu;
	}

	/** User plus system time of a {@code /proc} {@code stat} line (a process's or a thread's), in ms. */
	private static long cpuMs(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime + stime; USER_HZ is 100 on Linux
	}

	private static int group(String thread) {
		if (thread.startsWith("kappa-view")) {
			return 0;
		}
		if (thread.startsWith("kappa-read-ahea")) {
			return 1;
		}
		if (thread.startsWith("kappa-replicati")) {
			return 5;
		}
		if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
			return 2;
		}
		if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
			return 3;
		}
		return 4;
	}
}
