package dev.kappa.bench.micro;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.kappa.bench.kv.Put;
import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import dev.kappa.internal.engine.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The entry envelope: encoding a kv value as {@code append} does (JSON with Jackson, then the envelope), the
 * envelope alone around ready JSON bytes, and decoding an entry back to a {@link Put} as a view handler receives
 * it. Scores are entries/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBenchmark {

	private static final LogKey LOG = new LogKey(new byte[32]);

	private final Put value = Put.entry(123_456);

	private final byte[] type = Envelope.typeBytes("put");

	private final byte[] json = "{\"id\":123456,\"key\":\"k3456\",\"value\":\"v123456\"}".getBytes();

	private final Instant timestamp = Instant.now();

	private final byte[] entry = Fixtures.CODEC.encode(this.value);

	@Benchmark
	public byte[] encodeValue() {
		return Fixtures.CODEC.encode(this.value);
	}

	@Benchmark
	public byte[] encodeEnvelope() {
		return Envelope.encode(this.type, this.timestamp, this.json);
	}

	@Benchmark
	public LogEntry<Put> decodeValue() {
		return Fixtures.CODEC.decode(LOG, 7, this.entry, 0, this.entry.length, Put.class);
	}
}
