package dev.kappa.internal.indexer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Blocks that are not kappa envelopes (as a Node hypercore writer appends them) reach {@code byte[]} and
 * {@code JsonNode} handlers as {@link LogEntry#RAW_BLOCK_TYPE}, whole and without a timestamp; typed handlers
 * never see them, and the view does not stop.
 */
class RawBlockTests {

	@TempDir
	Path dir;

	@Test
	void rawBlocksReachByteAndJsonHandlersAndNotTypedOnes() throws Exception {
		RawBlocksView view = new RawBlocksView();
		try (ViewTestDatabase db = ViewTestDatabase.fresh(dev.kappa.testing.TestDatabase.H2, this.dir, Clock.systemUTC(), view)) {
			SignedLog raw = db.engine.store().writer("raw");
			raw.append(List.of(bytes("entry-0"), bytes("{\"key\":\"a\"}"), new byte[0], new byte[] { 1, 3 }));
			LogKey typed = db.engine.store().writer("typed").key();
			db.engine.writer("typed").append(new RawBlocksView.Note("hello"));
			db.ready();
			String r = raw.key().toString().substring(0, 8);
			String t = typed.toString().substring(0, 8);
			assertThat(db.rows("SELECT \"ID\", \"TYPE\", \"BYTES\", \"JSON\", \"TIMESTAMPED\" FROM \"raw_blocks\"")).containsExactlyInAnyOrder(
					row(r + "/0", "hypercore-block", "entry-0", "entry-0", false),
					row(r + "/1", "hypercore-block", "{\"key\":\"a\"}", "{\"key\":\"a\"}", false),
					row(r + "/2", "hypercore-block", "", "", false),
					row(r + "/3", "hypercore-block", "\u0001\u0003", "\u0001\u0003", false),
					row(t + "/0", "Note", "{\"text\":\"hello\"}", "{\"text\":\"hello\"}", true));
			assertThat(db.rows("SELECT \"ID\", \"TEXT\" FROM \"raw_notes\"")).containsExactly("{ID=" + t + "/0, TEXT=hello}");
			assertThat(db.views.status("raw-blocks").lastError()).isNull();
		}
	}

	@Test
	void readersGetRawBlocksAsBytesAndJsonAndATypedReadNamesTheProblem() {
		try (ViewTestDatabase db = ViewTestDatabase.fresh(dev.kappa.testing.TestDatabase.H2, this.dir, Clock.systemUTC(), new RawBlocksView())) {
			SignedLog raw = db.engine.store().writer("raw");
			raw.append(List.of(bytes("plain text")));
			var codec = db.engine.codec();
			byte[] block = raw.read(0);
			LogEntry<byte[]> asBytes = codec.decode(raw.key(), 0, block, 0, block.length, byte[].class);
			assertThat(asBytes.type()).isEqualTo(LogEntry.RAW_BLOCK_TYPE);
			assertThat(asBytes.timestamp()).isNull();
			assertThat(asBytes.value()).isEqualTo(block);
			LogEntry<JsonNode> asJson = codec.decode(raw.key(), 0, block, 0, block.length, JsonNode.class);
			assertThat(asJson.value().binaryValue()).isEqualTo(block);
			assertThatThrownBy(() -> codec.decode(raw.key(), 0, block, 0, block.length, RawBlocksView.Note.class))
				.hasMessageContaining("Entry 0 of log " + raw.key())
				.hasMessageContaining("is not a kappa entry")
				.hasMessageContaining(RawBlocksView.Note.class.getName());
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String row(String id, String type, String bytes, String json, boolean timestamped) {
		return "{ID=" + id + ", TYPE=" + type + ", BYTES=" + bytes + ", JSON=" + json + ", TIMESTAMPED=" + timestamped + "}";
	}
}
