package dev.kappa.internal.schema;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import dev.kappa.internal.schema.TestRows.KvRepository;
import dev.kappa.internal.schema.TestRows.KvRow;
import dev.kappa.internal.schema.TestRows.PrimitiveRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The row codec's statements and its checks, on H2. */
class RowCodecTests {

	@TempDir
	Path directory;

	ViewTestContext views;

	RowCodec<KvRow> kv;

	@BeforeEach
	void start() {
		this.views = new ViewTestContext(this.directory);
		this.kv = RowCodec.of(this.views.create(KvRow.class), KvRow.class, ViewTestContext.JSON);
	}

	@AfterEach
	void stop() {
		this.views.close();
	}

	/** Constructor for some properties, field access for the rest. */
	@Table("notes")
	public static class Note {

		@Id
		private final String id;

		@Column("body_text")
		private final String body;

		private int likes;

		public Note(String id, String body) {
			this.id = id;
			this.body = body;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Note note && this.id.equals(note.id) && Objects.equals(this.body, note.body)
					&& this.likes == note.likes;
		}

		@Override
		public int hashCode() {
			return this.id.hashCode();
		}
	}

	/** A record with a component that is not stored: the codec passes its default value. */
	@Table("scores")
	public record Score(@Id String id, int points, @Transient int rank, @Transient String comment) {
	}

	@Test
	void transientComponentsGetDefaultValues() {
		TableDefinition table = this.views.create(Score.class);
		assertThat(table.columns()).extracting(ColumnDefinition::sqlName).containsExactly("\"ID\"", "\"POINTS\"");
		RowCodec<Score> scores = RowCodec.of(table, Score.class, ViewTestContext.JSON);
		this.views.upsert(scores, List.of(new Score("s", 10, 3, "good")));
		assertThat(this.views.find(scores, "s")).contains(new Score("s", 10, 0, null));
	}

	@Test
	void batchedUpsertsInsertThenUpdate() {
		List<KvRow> inserts = IntStream.range(0, 2500).mapToObj(i -> new KvRow("k" + i, "v" + i)).toList();
		this.views.upsert(this.kv, inserts);
		List<KvRow> updates = IntStream.range(0, 2500).mapToObj(i -> new KvRow("k" + i, "w" + i)).toList();
		this.views.upsert(this.kv, updates);
		KvRepository repository = this.views.repository(KvRepository.class);
		assertThat(repository.count()).isEqualTo(2500);
		assertThat(repository.findById("k2499")).contains(new KvRow("k2499", "w2499"));
		assertThat(repository.findByValue("v1")).isEmpty();
	}

	@Test
	void deleteAndFindById() {
		this.views.upsert(this.kv, List.of(new KvRow("a", "1"), new KvRow("b", "2")));
		int deleted = this.views.jdbc.update(this.kv.deleteByIdSql(), statement -> this.kv.bindId(statement, 1, "a"));
		assertThat(deleted).isEqualTo(1);
		assertThat(this.views.find(this.kv, "a")).isEmpty();
		assertThat(this.views.find(this.kv, "b")).contains(new KvRow("b", "2"));
	}

	@Test
	void constructorAndFieldPropertiesAreBothRead() {
		RowCodec<Note> notes = RowCodec.of(this.views.create(Note.class), Note.class, ViewTestContext.JSON);
		Note note = new Note("n1", "hello");
		note.likes = 7;
		this.views.upsert(notes, List.of(note));
		assertThat(this.views.find(notes, "n1")).contains(note);
		assertThat(notes.selectByIdSql()).isEqualTo("SELECT \"ID\", \"body_text\", \"LIKES\" FROM \"notes\" WHERE \"ID\" = ?");
	}

	@Test
	void idIsReadFromTheRow() {
		assertThat(this.kv.id(new KvRow("a", "1"))).isEqualTo("a");
		RowCodec<PrimitiveRow> primitives = RowCodec.of(this.views.generator.table(PrimitiveRow.class),
				PrimitiveRow.class, ViewTestContext.JSON);
		assertThat(primitives.id(new PrimitiveRow(42, 0, (short) 0, false, 0, 0))).isEqualTo(42);
	}

	@Test
	void wrongIdAndRowTypesAreRejected() {
		RowCodec<PrimitiveRow> primitives = RowCodec.of(this.views.create(PrimitiveRow.class), PrimitiveRow.class,
				ViewTestContext.JSON);
		assertThatThrownBy(() -> this.views.find(primitives, 42L)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Ids of " + PrimitiveRow.class.getName() + " are java.lang.Integer, not java.lang.Long (42)");
		assertThat(this.views.find(primitives, 42)).isEmpty();
		assertThatThrownBy(() -> this.views.find(this.kv, null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageEndingWith("not null");
		List<String> calls = new ArrayList<>();
		PreparedStatement statement = PostgresSqlTests.recording(calls);
		assertThatThrownBy(() -> this.kv.bind(statement, "a string")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Table \"kv\" holds " + KvRow.class.getName() + " rows, not java.lang.String");
		assertThatThrownBy(() -> this.kv.id(null)).isInstanceOf(IllegalArgumentException.class);
		assertThat(calls).isEmpty();
		assertThatThrownBy(() -> RowCodec.of(this.kv.table(), PrimitiveRow.class, ViewTestContext.JSON))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void unknownEnumNameFailsNamingTheColumn() {
		RowCodec<TestRows.BoxedRow> boxed = RowCodec.of(this.views.create(TestRows.BoxedRow.class),
				TestRows.BoxedRow.class, ViewTestContext.JSON);
		this.views.jdbc.update("INSERT INTO \"boxed\" (\"ID\", \"COLOR\") VALUES ('x', 'PURPLE')");
		assertThatThrownBy(() -> this.views.find(boxed, "x")).isInstanceOf(SchemaValidationException.class)
			.hasMessageContaining("\"boxed\".\"COLOR\"")
			.hasMessageContaining("PURPLE");
	}
}
