package dev.kappa.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases every view suite runs on: one source, parameterised with {@code @ParameterizedClass} and
 * {@code @EnumSource(TestDatabase.class)}. {@link #newUrl} gives a fresh, empty database; {@link #sql} and
 * {@link #row} hide the one difference the suites see, how each folds the names Spring Data derives (H2 upper
 * case, PostgreSQL lower case; explicit {@code @Table} names are kept as written on both).
 */
public enum TestDatabase {

	/** H2 in memory (or as a file under a directory), as most applications start. */
	H2,

	/** The shared {@link TestPostgres} server, a fresh database per call. */
	POSTGRESQL;

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	private static final AtomicLong COUNTER = new AtomicLong();

	/** The database a JDBC URL of {@link #newUrl} or {@link #newDurableUrl} points at. */
	public static TestDatabase of(String jdbcUrl) {
		return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
	}

	/** The JDBC URL of a new, empty database. */
	public String newUrl() {
		return this == H2 ? "jdbc:h2:mem:test-" + COUNTER.incrementAndGet() + "-" + System.nanoTime()
				+ ";DB_CLOSE_DELAY=-1" : TestPostgres.newDatabase();
	}

	/** The JDBC URL of a new database that outlives the JVM (an H2 file under {@code dir}), for child processes. */
	public String newDurableUrl(Path dir) {
		return this == H2 ? "jdbc:h2:file:" + dir.resolve("views").toAbsolutePath() : TestPostgres.newDatabase();
	}

	/** {@code sql} written with H2's upper-case quoted column names, as this database spells them. */
	public String sql(String sql) {
		if (this == H2) {
			return sql;
		}
		Matcher m = QUOTED.matcher(sql);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement("\"" + m.group(1).toLowerCase(Locale.ROOT) + "\""));
		}
		return m.appendTail(out).toString();
	}

	/** A result row with upper-case column labels, so rows compare alike on both databases. */
	public static Map<String, Object> row(Map<String, Object> row) {
		Map<String, Object> upper = new LinkedHashMap<>();
		row.forEach((label, value) -> upper.put(label.toUpperCase(Locale.ROOT), value));
		return upper;
	}
}
