package dev.kappa.internal.log;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link SigkillCrashTests}: appends kv-N entries forever and prints
 * {@code ACK <seq> <id>} for every entry whose append has returned. Killed with SIGKILL by the test.
 * Arguments: storage dir, first id, mode ({@code single}, {@code batch} or {@code threads}).
 */
public final class CrashingAppender {

	public static void main(String[] args) throws Exception {
		Path storage = Path.of(args[0]);
		AtomicLong nextId = new AtomicLong(Long.parseLong(args[1]));
		String mode = args[2];
		PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false);
		LogStore store = LogStore.open(storage, LogOptions.defaults());
		SignedLog log = store.writer("default");
		out.println("READY " + log.length());
		out.flush();
		int threads = mode.equals("threads") ? 4 : 1;
		int batch = mode.equals("batch") ? 50 : 1;
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				while (true) {
					long first = nextId.getAndAdd(batch);
					long seq = log.append(LogTesting.entries(first, batch));
					StringBuilder acks = new StringBuilder();
					for (int i = 0; i < batch; i++) {
						acks.append("ACK ").append(seq + i).append(' ').append(first + i).append('\n');
					}
					synchronized (out) {
						out.print(acks);
						out.flush();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
	}
}
