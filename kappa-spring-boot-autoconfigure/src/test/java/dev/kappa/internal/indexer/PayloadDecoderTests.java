package dev.kappa.internal.indexer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.view.builtin.LastWriterWinsKvView;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch decoding is used only when every value lines up with its own payload. */
class PayloadDecoderTests {

	@TempDir
	Path dir;

	private final PayloadDecoder decoder = PayloadDecoder.forView(ViewDeclaration.of(LastWriterWinsKvView.class),
			new EntryCodec(JsonMapper.builder().build(), Clock.systemUTC()));

	private EntryBatch batch(String... payloads) {
		try (LogStore store = LogStore.open(this.dir.resolve("s" + System.nanoTime()), LogOptions.defaults())) {
			SignedLog log = store.writer("a");
			List<byte[]> entries = new ArrayList<>();
			for (String payload : payloads) {
				String type = payload.startsWith("other:") ? "other" : "kv.put";
				String json = payload.startsWith("other:") ? payload.substring(6) : payload;
				entries.add(Envelope.encode(Envelope.typeBytes(type), Instant.EPOCH, json.getBytes(StandardCharsets.UTF_8)));
			}
			log.append(entries);
			return log.read(0, payloads.length, 1 << 20, new EntryBatch());
		}
	}

	@Test
	void decodesWellFormedPayloadsInOneGoAndSkipsOtherTypes() {
		this.decoder.decode(batch("{\"key\":\"a\",\"value\":\"1\"}", "other:[1,2]", " {\"key\":\"b\",\"value\":\"2\"} \n"));
		assertThat(this.decoder.has(0)).isTrue();
		assertThat(this.decoder.value(0)).isEqualTo(new KvPut("a", "1"));
		assertThat(this.decoder.has(1)).isFalse();
		assertThat(this.decoder.has(2)).isTrue();
		assertThat(this.decoder.value(2)).isEqualTo(new KvPut("b", "2"));
	}

	@Test
	void twoValuesInOnePayloadNeverShiftValuesOntoOtherEntries() {
		this.decoder.decode(batch("{\"key\":\"a\",\"value\":\"1\"}{\"key\":\"x\",\"value\":\"x\"}", "{\"key\":\"b\",\"value\":\"2\"}"));
		assertThat(this.decoder.has(0)).isFalse();
		assertThat(this.decoder.has(1)).isFalse();
	}

	@Test
	void malformedOrScalarPayloadsFallBackToOneByOne() {
		this.decoder.decode(batch("{\"key\":\"a\",\"value\":\"1\"}", "{\"key\":", "{\"key\":\"c\",\"value\":\"3\"}"));
		assertThat(this.decoder.has(0)).isFalse();
		assertThat(this.decoder.has(2)).isFalse();
		this.decoder.decode(batch("\"just a string\"", "{\"key\":\"c\",\"value\":\"3\"}"));
		assertThat(this.decoder.has(0)).isFalse();
		assertThat(this.decoder.has(1)).isFalse();
	}

	@Test
	void aMalformedEntryInABatchIsReportedAsItself() throws Exception {
		try (ViewTestDatabase db = ViewTestDatabase.fresh(TestDatabase.H2, this.dir.resolve("db"), java.time.Clock.systemUTC(),
				new LastWriterWinsKvView())) {
			db.views.pause("kappa_kv");
			SignedLog log = db.engine.store().writer("a");
			List<byte[]> entries = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String json = i == 3 ? "{\"key\":\"k3\",\"value\":" : "{\"key\":\"k" + i + "\",\"value\":\"v" + i + "\"}";
				entries.add(Envelope.encode(Envelope.typeBytes("kv.put"), Instant.EPOCH, json.getBytes(StandardCharsets.UTF_8)));
			}
			log.append(entries);
			db.views.resume("kappa_kv");
			assertThat(db.views.ready()).failsWithin(java.time.Duration.ofSeconds(30))
				.withThrowableThat()
				.withMessageContaining("failed at entry 3 of log " + log.key());
			assertThat(db.rows("SELECT \"KEY\" FROM \"kappa_kv\"")).containsExactly("{KEY=k0}", "{KEY=k1}", "{KEY=k2}");
		}
	}
}
