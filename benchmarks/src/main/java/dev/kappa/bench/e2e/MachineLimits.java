package dev.kappa.bench.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import dev.kappa.internal.crypto.Blake2b;
import dev.kappa.internal.crypto.Ed25519;

/**
 * The machine's own limits, measured in the same run as the workloads so that ratios to them hold for the
 * run: how often the storage directory's device completes a small append + fdatasync (what one acknowledged
 * single append costs at least) and an overwrite in place + fdatasync, and how fast this JVM hashes 64-byte
 * inputs with BLAKE2b-256 and signs and verifies with Ed25519 (Bouncy Castle, via {@code dev.kappa.internal.crypto}).
 */
final class MachineLimits {

	/** Roughly one entry of the kv-N workload with its envelope and index record. */
	private static final int FSYNC_WRITE = 150;

	/** hypercore's signable: namespace, tree hash, length, fork. */
	private static final int SIGNABLE = 80;

	private static final long FSYNC_NANOS = 2_000_000_000L;

	private static final long CPU_NANOS = 1_000_000_000L;

	private MachineLimits() {
	}

	static void run(Path dir, long h2Rows) throws IOException, java.sql.SQLException {
		Files.createDirectories(dir);
		Path file = dir.resolve("fsync-probe");
		try {
			fsync(file, true);
			fsync(file, false);
		}
		finally {
			Files.deleteIfExists(file);
		}
		blake2b();
		ed25519();
		if (h2Rows > 0) {
			H2Limits.run(dir, h2Rows);
		}
	}

	/** Appends (or overwrites at offset 0) 150 bytes and forces the data (fdatasync), for about 2 s. */
	private static void fsync(Path file, boolean append) throws IOException {
		ByteBuffer data = ByteBuffer.allocate(FSYNC_WRITE);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			long position = 0;
			for (int i = 0; i < 20; i++) { // warm-up, and a file that already has data to overwrite
				position += write(channel, data, position);
				channel.force(false);
			}
			long count = 0;
			long t0 = System.nanoTime();
			long elapsed;
			do {
				position += write(channel, data, append ? position : 0);
				channel.force(false);
				count++;
				elapsed = System.nanoTime() - t0;
			}
			while (elapsed < FSYNC_NANOS);
			Emit.limit(append ? "M_fsync_append" : "M_fsync_overwrite", count, elapsed / 1e6,
					Map.of("bytes", FSYNC_WRITE, "dir", file.getParent().toAbsolutePath().toString()));
		}
	}

	private static int write(FileChannel channel, ByteBuffer data, long position) throws IOException {
		data.clear();
		int written = 0;
		while (data.hasRemaining()) {
			written += channel.write(data, position + written);
		}
		return written;
	}

	private static void blake2b() {
		byte[] input = new byte[64];
		byte[] out = new byte[Blake2b.HASH_LENGTH];
		Blake2b hash = Blake2b.local();
		timed("M_blake2b_64", CPU_NANOS / 2, () -> {
			for (int i = 0; i < 1000; i++) {
				input[0] = (byte) i;
				hash.update(input, 0, input.length).digest(out, 0);
			}
			return 1000;
		});
	}

	private static void ed25519() {
		Ed25519.KeyPair keyPair = Ed25519.KeyPair.generate();
		byte[] message = new byte[SIGNABLE];
		Ed25519.Verifier verifier = Ed25519.Verifier.of(keyPair.publicKey());
		timed("M_ed25519_sign", CPU_NANOS / 2, () -> {
			for (int i = 0; i < 20; i++) {
				message[0] = (byte) i;
				keyPair.sign(message);
			}
			return 20;
		});
		message[0] = 0;
		byte[] valid = keyPair.sign(message);
		timed("M_ed25519_verify", CPU_NANOS / 2, () -> {
			for (int i = 0; i < 20; i++) {
				if (!verifier.verify(valid, message)) {
					throw new IllegalStateException("A valid signature did not verify");
				}
			}
			return 20;
		});
	}

	private interface Chunk {
		int run();
	}

	/** Warms up for {@code warmNanos}, then counts operations for a second. */
	private static void timed(String metric, long warmNanos, Chunk chunk) {
		long end = System.nanoTime() + warmNanos;
		while (System.nanoTime() < end) {
			chunk.run();
		}
		long count = 0;
		long t0 = System.nanoTime();
		long elapsed;
		do {
			count += chunk.run();
			elapsed = System.nanoTime() - t0;
		}
		while (elapsed < CPU_NANOS);
		Emit.limit(metric, count, elapsed / 1e6, Map.of());
	}
}
