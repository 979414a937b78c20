package dev.kappa.internal.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.engine.Envelope;

/** Helpers shared by the log tests. */
final class LogTesting {

	private static final byte[] TYPE = Envelope.typeBytes("put");

	private LogTesting() {
	}

	/** The envelope of kv-N entry {@code i}. */
	static byte[] entry(long i) {
		String json = "{\"id\":" + i + ",\"key\":\"k" + (i % 10000) + "\",\"value\":\"v" + i + "\"}";
		return Envelope.encode(TYPE, Instant.ofEpochSecond(1_700_000_000L, i * 1000), json.getBytes(StandardCharsets.UTF_8));
	}

	static List<byte[]> entries(long from, int count) {
		List<byte[]> out = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			out.add(entry(from + i));
		}
		return out;
	}

	static LogOptions options() {
		return LogOptions.defaults();
	}

	/** Flips a bit of the byte at {@code offset} of {@code file}. */
	static void flip(Path file, long offset) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(offset);
			int b = raf.read();
			raf.seek(offset);
			raf.write(b ^ 0x40);
		}
	}

	/** The offsets of the batch frames in the data file of the log in {@code logDir}. */
	static List<Long> frameOffsets(Path logDir) throws IOException {
		byte[] bytes = Files.readAllBytes(logDir.resolve(LogFiles.DATA_FILE));
		List<Long> out = new ArrayList<>();
		for (int pos = LogFiles.DATA_HEADER; pos + Frame.HEADER <= bytes.length; pos += Frame.frameLength(bytes, pos)) {
			out.add((long) pos);
		}
		return out;
	}
}
