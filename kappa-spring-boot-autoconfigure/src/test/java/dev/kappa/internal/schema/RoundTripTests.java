package dev.kappa.internal.schema;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.kappa.internal.schema.TestRows.Account;
import dev.kappa.internal.schema.TestRows.AccountRepository;
import dev.kappa.internal.schema.TestRows.Address;
import dev.kappa.internal.schema.TestRows.BoxedRepository;
import dev.kappa.internal.schema.TestRows.BoxedRow;
import dev.kappa.internal.schema.TestRows.Color;
import dev.kappa.internal.schema.TestRows.JsonRepository;
import dev.kappa.internal.schema.TestRows.JsonRow;
import dev.kappa.internal.schema.TestRows.PrimitiveRepository;
import dev.kappa.internal.schema.TestRows.PrimitiveRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every supported type (null, extremes, unicode, empty byte[]) written by the row codec and read back both by
 * the codec and by a Spring Data JDBC repository.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RoundTripTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path directory;

	ViewTestContext views;

	@BeforeEach
	void start() {
		this.views = new ViewTestContext(this.directory, this.database);
	}

	@AfterEach
	void stop() {
		this.views.close();
	}

	/**
	 * Repositories read DATE columns as java.sql.Date, which Spring Data turns into a LocalDate through the
	 * Julian calendar: earlier dates read back shifted. The codec has no such limit (see below).
	 */
	static final LocalDate FIRST_GREGORIAN_DAY = LocalDate.of(1582, 10, 15);

	static final List<BoxedRow> BOXED = List.of(
			new BoxedRow("nulls", null, null, null, null, null, null, null, null, null, null, null, null, null, null),
			new BoxedRow("min", "", Integer.MIN_VALUE, Long.MIN_VALUE, Short.MIN_VALUE, false, -Double.MAX_VALUE,
					-Float.MAX_VALUE, new BigDecimal("-123456789012345678901234567890.000000000000000000001"),
					Instant.parse("0001-01-01T00:00:00Z"), FIRST_GREGORIAN_DAY, LocalDateTime.of(1, 1, 1, 0, 0),
					new UUID(0, 0), new byte[0], Color.RED),
			new BoxedRow("max", "grüße 😀 日本語 \"'\\ ;--", Integer.MAX_VALUE, Long.MAX_VALUE, Short.MAX_VALUE, true,
					Double.MAX_VALUE, Float.MAX_VALUE, new BigDecimal("9.99E+300"),
					Instant.parse("9999-12-31T23:59:59.999999999Z"), LocalDate.of(9999, 12, 31),
					LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), new UUID(-1, -1), allBytes(), Color.BLUE),
			new BoxedRow("tiny", "x".repeat(100_000), 0, 0L, (short) 0, true, Double.MIN_VALUE, Float.MIN_VALUE,
					new BigDecimal("0.000000000000000000000000000001"), Instant.EPOCH, LocalDate.of(1970, 1, 1),
					LocalDateTime.of(2024, 2, 29, 12, 30, 15, 123_456_789), UUID.randomUUID(), new byte[] { 0 },
					Color.GREEN),
			new BoxedRow("special", "\t\n", -1, -1L, (short) -1, false, Double.NaN, Float.POSITIVE_INFINITY,
					BigDecimal.ZERO, Instant.parse("1969-12-31T23:59:59.999999999Z"), LocalDate.of(2000, 2, 29),
					LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1), UUID.randomUUID(), new byte[] { -1 }, null));

	private static byte[] allBytes() {
		byte[] bytes = new byte[256];
		IntStream.range(0, 256).forEach(i -> bytes[i] = (byte) i);
		return bytes;
	}

	@Test
	void everyBoxedTypeRoundTripsThroughCodecAndRepository() {
		RowCodec<BoxedRow> codec = RowCodec.of(this.views.create(BoxedRow.class), BoxedRow.class, ViewTestContext.JSON);
		this.views.upsert(codec, BOXED);
		BoxedRepository repository = this.views.repository(BoxedRepository.class);
		for (BoxedRow row : BOXED) {
			assertSameRow(this.views.find(codec, row.id()).orElseThrow(), stored(row));
			if (this.database == TestDatabase.H2 || row.instant() == null
					|| !row.instant().isBefore(FIRST_GREGORIAN_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())) {
				assertSameRow(repository.findById(row.id()).orElseThrow(), stored(row));
			}
			else {
				// PostgreSQL's driver hands repositories java.sql.Timestamp, read through the Julian calendar
				assertThat(repository.findById(row.id()).orElseThrow().instant()).isNotEqualTo(row.instant());
			}
		}
		assertThat(repository.count()).isEqualTo(BOXED.size());
		assertThat(repository.findByColor(Color.BLUE)).extracting(BoxedRow::id).containsExactly("max");
		assertThat(repository.findByUuid(new UUID(0, 0))).extracting(BoxedRow::id).containsExactly("min");
	}

	/**
	 * The row as the database keeps it: PostgreSQL keeps microseconds, and rounds (to the nearest, half up)
	 * the nanoseconds the driver is given.
	 */
	private BoxedRow stored(BoxedRow row) {
		if (this.database == TestDatabase.H2) {
			return row;
		}
		return new BoxedRow(row.id(), row.text(), row.integer(), row.bigint(), row.smallint(), row.flag(), row.dbl(),
				row.flt(), row.decimal(), row.instant() == null ? null : row.instant().plusNanos(500).truncatedTo(ChronoUnit.MICROS),
				row.date(), row.dateTime() == null ? null : row.dateTime().plusNanos(500).truncatedTo(ChronoUnit.MICROS),
				row.uuid(), row.bytes(), row.color());
	}

	private static void assertSameRow(Object actual, Object expected) {
		assertThat(actual).usingRecursiveComparison()
			.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
			.withComparatorForType(Double::compare, Double.class)
			.withComparatorForType(Float::compare, Float.class)
			.isEqualTo(expected);
	}

	@Test
	void extremeTemporalValuesRoundTripThroughCodec() {
		RowCodec<BoxedRow> codec = RowCodec.of(this.views.create(BoxedRow.class), BoxedRow.class, ViewTestContext.JSON);
		// H2 takes any year java.time has; PostgreSQL's timestamps run from 4713 BC to 294276 AD (dates and
		// LocalDateTime.MIN/MAX go through its driver's -infinity/infinity)
		boolean h2 = this.database == TestDatabase.H2;
		List<BoxedRow> rows = List.of(
				new BoxedRow("earliest", null, null, null, null, null, null, null, null,
						Instant.parse(h2 ? "-999999999-01-01T00:00:00Z" : "-4712-01-01T00:00:00Z"), LocalDate.MIN,
						LocalDateTime.MIN, null, null, null),
				new BoxedRow("latest", null, null, null, null, null, null, null, null,
						Instant.parse(h2 ? "+999999999-12-31T23:59:59.999999999Z" : "+294276-12-31T23:59:59.999999Z"),
						LocalDate.MAX, LocalDateTime.MAX, null, null, null));
		this.views.upsert(codec, rows);
		for (BoxedRow row : rows) {
			assertSameRow(this.views.find(codec, row.id()).orElseThrow(), row);
		}
	}

	@Test
	void primitivesRoundTripAndAreNotNull() {
		TableDefinition table = this.views.create(PrimitiveRow.class);
		RowCodec<PrimitiveRow> codec = RowCodec.of(table, PrimitiveRow.class, ViewTestContext.JSON);
		List<PrimitiveRow> rows = List.of(
				new PrimitiveRow(Integer.MIN_VALUE, Long.MIN_VALUE, Short.MIN_VALUE, false, -Double.MAX_VALUE,
						-Float.MAX_VALUE),
				new PrimitiveRow(0, 0, (short) 0, false, 0, 0),
				new PrimitiveRow(Integer.MAX_VALUE, Long.MAX_VALUE, Short.MAX_VALUE, true, Double.MIN_VALUE,
						Float.MIN_VALUE));
		this.views.upsert(codec, rows);
		PrimitiveRepository repository = this.views.repository(PrimitiveRepository.class);
		for (PrimitiveRow row : rows) {
			assertThat(this.views.find(codec, row.id())).contains(row);
			assertThat(repository.findById(row.id())).contains(row);
		}
		assertThat(table.columns()).allMatch(column -> !column.isNullable());
		assertThat(this.views.jdbc.queryForList(
				"SELECT IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'primitives'", String.class))
			.hasSize(6)
			.containsOnly("NO");
	}

	@Test
	void jsonValuesRoundTripThroughCodecAndRepository() {
		TableDefinition table = this.views.create(JsonRow.class);
		RowCodec<JsonRow> codec = RowCodec.of(table, JsonRow.class, ViewTestContext.JSON);
		Address home = new Address("Hauptstraße 1", "Zürich", List.of("ring twice", "😀"));
		Address work = new Address("1 Main St", "Springfield", List.of());
		List<JsonRow> rows = List.of(
				new JsonRow(new UUID(1, 1), home, List.of("a", "b", ""), Set.of(Color.RED, Color.BLUE),
						Map.of("x", 1, "y", Integer.MAX_VALUE), List.of(home, work),
						Map.of("old", List.of(work), "none", List.of()),
						List.of(List.of(Instant.EPOCH, Instant.parse("2024-01-01T10:00:00.123456789Z")), List.of())),
				new JsonRow(new UUID(2, 2), null, null, null, null, null, null, null),
				new JsonRow(new UUID(3, 3), new Address(null, null, null), List.of(), Set.of(), Map.of(), List.of(),
						Map.of(), List.of()));
		this.views.upsert(codec, rows);
		JsonRepository repository = this.views.repository(JsonRepository.class);
		for (JsonRow row : rows) {
			assertThat(this.views.find(codec, row.id())).contains(row);
			assertThat(repository.findById(row.id())).contains(row);
		}
		assertThat(repository.findByAddress(home)).extracting(JsonRow::id).containsExactly(new UUID(1, 1));
		String tags = table.columns().get(2).sqlName();
		assertThat(tags).isEqualTo(this.database.sql("\"TAGS\""));
		assertThat(this.views.jdbc.queryForObject("SELECT " + tags + " FROM \"json_rows\" WHERE "
				+ table.idColumn().sqlName() + " = ?", String.class, new UUID(1, 1)))
			.isEqualTo("[\"a\",\"b\",\"\"]");
	}

	@Test
	void mutableClassRoundTripsThroughCodecAndRepository() {
		RowCodec<Account> codec = RowCodec.of(this.views.create(Account.class), Account.class, ViewTestContext.JSON);
		List<Account> rows = List.of(new Account(1L, "ann", 100), new Account(2L, null, -5));
		this.views.upsert(codec, rows);
		AccountRepository repository = this.views.repository(AccountRepository.class);
		for (Account row : rows) {
			assertThat(this.views.find(codec, row.getId())).contains(row);
			assertThat(repository.findById(row.getId())).contains(row);
		}
		assertThat(repository.findByOwner("ann")).containsExactly(rows.get(0));
		assertThat(codec.id(rows.get(1))).isEqualTo(2L);
	}
}
