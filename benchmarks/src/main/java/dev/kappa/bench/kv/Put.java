package dev.kappa.bench.kv;

import dev.kappa.core.KappaMessage;

/** Entry i of the kv-N workload: {@code {"id":i,"key":"k"+(i%10000),"value":"v"+i}}. */
@KappaMessage("put")
public record Put(long id, String key, String value) {

	/** Distinct keys: every key is written N/10000 times, so 99% of the writes at N=1M update a row. */
	public static final int KEYS = 10_000;

	public static Put entry(long i) {
		return new Put(i, "k" + (i % KEYS), "v" + i);
	}
}
