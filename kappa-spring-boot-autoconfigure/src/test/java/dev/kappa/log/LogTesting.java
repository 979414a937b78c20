package dev.kappa.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
}
