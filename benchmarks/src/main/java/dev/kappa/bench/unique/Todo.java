package dev.kappa.bench.unique;

import dev.kappa.core.KappaMessage;

/** Entry i of the unique-N workload: {@code {"id":i,"title":"t"+i,"done":i%2==0,"owner":"o"+(i%100)}}. */
@KappaMessage("todo")
public record Todo(long id, String title, boolean done, String owner) {

	/** Distinct owners, the indexed column. */
	public static final int OWNERS = 100;

	public static Todo entry(long i) {
		return new Todo(i, "t" + i, i % 2 == 0, "o" + (i % OWNERS));
	}
}
