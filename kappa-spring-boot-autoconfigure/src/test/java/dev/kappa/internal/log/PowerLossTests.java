package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.kappa.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated power loss (after SQLite's crash-test VFS): the log's file I/O goes through a {@link FaultyFileIo}
 * that remembers what each file held when it was last forced. A scripted workload is crashed at every write
 * boundary in turn; then either every write not forced is dropped (the page cache is lost), or everything
 * written stays and the crashing write lands half (a process kill). Each time the log must reopen with every
 * acknowledged entry, verify, and take appends.
 */
class PowerLossTests {

	private static final long SEED = 0x9a11;

	@TempDir
	Path dir;

	/** Thrown at the crash point; an Error, so the log does not take it for a passing I/O error. */
	private static final class PowerCut extends Error {

		PowerCut() {
			super("simulated power loss", null, false, false);
		}
	}

	/** Counts writes, crashes at one, and keeps each file's last forced content. */
	private static final class Disk implements FaultyFileIo.Faults {

		final Map<Path, byte[]> durable = new HashMap<>();

		final int crashAt;

		final boolean tearCrashingWrite;

		int writes;

		boolean off;

		Disk(int crashAt, boolean tearCrashingWrite) {
			this.crashAt = crashAt;
			this.tearCrashingWrite = tearCrashingWrite;
		}

		private void check() throws IOException {
			if (this.off) {
				throw new IOException("the machine is off");
			}
		}

		@Override
		public void open(Path file) throws IOException {
			check();
			this.durable.putIfAbsent(file, Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
		}

		@Override
		public int write(Path file, FileChannel channel, long position, int length) throws IOException {
			check();
			if (this.writes++ == this.crashAt) {
				this.off = true;
				if (this.tearCrashingWrite) {
					return length / 2; // FaultyFileIo writes that much, then fails; the process is gone anyway
				}
				throw new PowerCut();
			}
			return length;
		}

		@Override
		public void force(Path file) throws IOException {
			check();
			this.durable.put(file, Files.readAllBytes(file));
		}

		@Override
		public void truncate(Path file, FileChannel channel, long size) throws IOException {
			check();
		}

		/** Puts back what was forced into every file written through this disk that still exists. */
		void dropUnforcedWrites() throws IOException {
			for (Map.Entry<Path, byte[]> e : this.durable.entrySet()) {
				if (Files.exists(e.getKey())) {
					Files.write(e.getKey(), e.getValue());
				}
			}
		}
	}

	/** The workload: 7 appends of 1 to 40 entries of 10 to 700 bytes, a recovery point every 20 KiB. */
	private static List<List<byte[]>> workload() {
		Random random = new Random(SEED);
		List<List<byte[]>> batches = new ArrayList<>();
		long id = 0;
		for (int b = 0; b < 7; b++) {
			List<byte[]> batch = new ArrayList<>();
			for (int i = random.nextInt(40) + 1; i > 0; i--) {
				byte[] entry = new byte[10 + random.nextInt(690)];
				random.nextBytes(entry);
				entry[0] = (byte) id++;
				batch.add(entry);
			}
			batches.add(batch);
		}
		return batches;
	}

	private static LogOptions options(FaultyFileIo io) {
		return LogTesting.options().withRecoveryPoints(Duration.ofHours(1), 20 * 1024).withFileIo(io);
	}

	/** Runs the workload on {@code disk}; returns the entries acknowledged (appends that returned). */
	private static List<byte[]> run(Path storage, Disk disk, List<List<byte[]>> batches) {
		FaultyFileIo io = new FaultyFileIo();
		io.faults = disk;
		List<byte[]> acknowledged = new ArrayList<>();
		LogStore store = LogStore.open(storage, options(io));
		try {
			SignedLog log = store.writer("w");
			for (List<byte[]> batch : batches) {
				log.append(batch);
				acknowledged.addAll(batch);
			}
		}
		catch (PowerCut | RuntimeException ex) {
			// the power went: what was acknowledged so far is what must survive
		}
		finally {
			disk.off = true;
			store.close(); // nothing reaches the files any more; releases the lock
		}
		return acknowledged;
	}

	private static int countWrites(Path root, List<List<byte[]>> batches) {
		Disk counting = new Disk(Integer.MAX_VALUE, false);
		List<byte[]> all = run(root.resolve("count"), counting, batches);
		assertThat(all).hasSize(batches.stream().mapToInt(List::size).sum());
		return counting.writes;
	}

	@Test
	void everyAcknowledgedEntrySurvivesAPowerLossAtEveryWriteBoundarySeed9a11() throws IOException {
		// Real fsyncs make no difference to what this test checks (the simulation decides what is durable):
		// run on a memory file system where there is one.
		Path shm = Path.of("/dev/shm");
		Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "kappa-power-loss")
				: this.dir;
		try {
			crashEverywhere(root);
		}
		finally {
			if (root != this.dir) {
				TestFiles.delete(root);
			}
		}
	}

	private void crashEverywhere(Path root) throws IOException {
		List<List<byte[]>> batches = workload();
		int boundaries = countWrites(root, batches);
		assertThat(boundaries).as("write boundaries").isGreaterThan(20);
		System.out.println("Power-loss test: " + boundaries + " write boundaries, 2 crash modes each");
		for (int crashAt = 0; crashAt < boundaries; crashAt++) {
			for (boolean tear : new boolean[] { false, true }) {
				Path storage = root.resolve("crash-" + crashAt + (tear ? "-torn" : "-dropped"));
				Disk disk = new Disk(crashAt, tear);
				List<byte[]> acknowledged = run(storage, disk, batches);
				if (!tear) {
					disk.dropUnforcedWrites();
				}
				assertRecovers(storage, acknowledged, "crash at write " + crashAt + (tear ? " (torn)" : " (unforced dropped)"));
			}
		}
	}

	private static void assertRecovers(Path storage, List<byte[]> acknowledged, String what) {
		try (LogStore store = LogStore.open(storage, LogTesting.options())) {
			SignedLog log = store.writer("w");
			assertThat(log.length()).as(what).isGreaterThanOrEqualTo(acknowledged.size());
			log.verify();
			for (int i = 0; i < acknowledged.size(); i++) {
				assertThat(log.read(i)).as("%s: entry %d", what, i).isEqualTo(acknowledged.get(i));
			}
			long next = log.append(List.of(new byte[] { 42 }));
			assertThat(next).as(what).isEqualTo(log.length() - 1);
		}
	}
}
