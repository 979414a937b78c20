package dev.kappa.bench.micro;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.bench.kv.Put;
import dev.kappa.internal.engine.EntryCodec;
import tools.jackson.databind.json.JsonMapper;

/** Inputs shared by the micro-benchmarks: kv-N entries encoded as the engine stores them. */
final class Fixtures {

	static final EntryCodec CODEC = new EntryCodec(JsonMapper.builder().build(), Clock.systemUTC());

	private Fixtures() {
	}

	/** The envelopes of kv-N entries {@code [from, from + count)}. */
	static List<byte[]> envelopes(long from, int count) {
		List<byte[]> out = new ArrayList<>(count);
		for (long i = from; i < from + count; i++) {
			out.add(CODEC.encode(Put.entry(i)));
		}
		return out;
	}
}
