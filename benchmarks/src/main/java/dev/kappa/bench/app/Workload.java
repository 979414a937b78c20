package dev.kappa.bench.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import dev.kappa.bench.kv.KvWorkload;
import dev.kappa.bench.kv.Put;
import dev.kappa.bench.unique.Todo;
import dev.kappa.core.LogWriter;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two end-to-end workloads: kv-N (10,000 keys, so 99% of the writes at 1M update a row) and unique-N (one row
 * per entry, an indexed column). Each names its log, its view and the view's table, and checks what the view holds.
 */
public enum Workload {

	/** kv-N: entry i = {@code {"id":i,"key":"k"+(i%10000),"value":"v"+i}}, the kv view upserts (key, value). */
	KV("kv", "kv", "kv", Put::entry) {
		@Override
		public long keys(long n) {
			return Put.KEYS;
		}

		@Override
		void checkContent(JdbcTemplate jdbc, long n) {
			String k1 = jdbc.queryForObject("select " + column(jdbc, "value") + " from \"kv\" where " + column(jdbc, "key")
					+ " = 'k1'", String.class);
			if (n >= 2 && !KvWorkload.expectedK1(n).equals(k1)) {
				throw new IllegalStateException("The kv view holds k1 = " + k1 + " after " + n + " entries, expected "
						+ KvWorkload.expectedK1(n));
			}
		}
	},

	/** unique-N: entry i = {@code {"id":i,"title":"t"+i,"done":i%2==0,"owner":"o"+(i%100)}}, one row each. */
	UNIQUE("todos", "todo", "todo", Todo::entry) {
		@Override
		public long keys(long n) {
			return n;
		}

		@Override
		void checkContent(JdbcTemplate jdbc, long n) {
			long last = n - 1;
			String title = jdbc.queryForObject("select " + column(jdbc, "title") + " from \"todo\" where "
					+ column(jdbc, "id") + " = ?", String.class, last);
			long owned = jdbc.queryForObject("select count(*) from \"todo\" where " + column(jdbc, "owner") + " = 'o1'",
					Long.class);
			long expected = n / Todo.OWNERS + (n % Todo.OWNERS > 1 ? 1 : 0);
			if (!("t" + last).equals(title) || owned != expected) {
				throw new IllegalStateException("The todo view holds title " + title + " for id " + last + " and " + owned
						+ " rows of owner o1 after " + n + " entries, expected t" + last + " and " + expected);
			}
		}
	};

	private final String log;

	private final String view;

	private final String table;

	private final LongFunction<Object> entry;

	Workload(String log, String view, String table, LongFunction<Object> entry) {
		this.log = log;
		this.view = view;
		this.table = table;
		this.entry = entry;
	}

	/** {@code kv} or {@code unique}, as in {@code --workload}. */
	public static Workload named(String name) {
		return switch (name) {
			case "kv" -> KV;
			case "unique" -> UNIQUE;
			default -> throw new IllegalArgumentException("Unknown workload '" + name + "'; workloads: kv, unique");
		};
	}

	/** The log every phase of the workload writes and reads. */
	public String log() {
		return this.log;
	}

	/** The view's name. */
	public String view() {
		return this.view;
	}

	/** The view's table (quoted in SQL: its name is lower case). */
	public String table() {
		return this.table;
	}

	/** Distinct keys (rows of the view) after n entries: the anchors' {@code KEYS}. */
	public abstract long keys(long n);

	/** Entries {@code [from, to)}. */
	public List<Object> entries(long from, long to) {
		List<Object> out = new ArrayList<>((int) (to - from));
		for (long i = from; i < to; i++) {
			out.add(this.entry.apply(i));
		}
		return out;
	}

	/** Entry i. */
	public Object entry(long i) {
		return this.entry.apply(i);
	}

	/** Appends entries {@code [0, n)} with {@code appendAll} in batches of {@code batch}. */
	public void appendBatches(LogWriter writer, long n, int batch) {
		for (long i = 0; i < n; i += batch) {
			writer.appendAll(entries(i, Math.min(n, i + batch)));
		}
	}

	/**
	 * Checks the view's table against entries {@code [0, n)}.
	 * @throws IllegalStateException if it does not hold what they imply
	 */
	public void check(JdbcTemplate jdbc, long n) {
		long rows = jdbc.queryForObject("select count(*) from \"" + this.table + "\"", Long.class);
		if (rows != Math.min(n, keys(n))) {
			throw new IllegalStateException("The " + this.view + " view has " + rows + " rows after " + n + " entries");
		}
		checkContent(jdbc, n);
	}

	abstract void checkContent(JdbcTemplate jdbc, long n);

	/** A column named from a property, quoted in the database's letter case (H2 upper, PostgreSQL lower). */
	static String column(JdbcTemplate jdbc, String property) {
		Boolean upper = jdbc.execute((java.sql.Connection c) -> c.getMetaData().storesUpperCaseIdentifiers());
		return "\"" + (Boolean.TRUE.equals(upper) ? property.toUpperCase(java.util.Locale.ROOT) : property) + "\"";
	}
}
