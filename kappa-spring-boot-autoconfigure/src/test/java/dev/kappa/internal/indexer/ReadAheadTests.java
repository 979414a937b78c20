package dev.kappa.internal.indexer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.view.builtin.KvPut;
import dev.kappa.view.builtin.LastWriterWinsKvView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read stage alone: chunks as the view's thread asks for them, batch after batch. */
class ReadAheadTests {

	private static final long SEED = 20261202L;

	@TempDir
	Path dir;

	private final ExecutorService executor = ReadAheadThreads.executor();

	/** Reads that ran on the executor (not taken over by the view's thread). */
	private final AtomicInteger aheadReads = new AtomicInteger();

	private final PayloadDecoder decoder = PayloadDecoder.forView(ViewDeclaration.of(LastWriterWinsKvView.class),
			new EntryCodec(JsonMapper.builder().build(), Clock.systemUTC()));

	@AfterEach
	void shutdown() {
		ReadAheadThreads.shutdown(this.executor);
	}

	private ReadAhead readAhead(int readEntries) {
		return new ReadAhead(task -> this.executor.execute(() -> {
			this.aheadReads.incrementAndGet();
			task.run();
		}), this.decoder, readEntries);
	}

	private static void append(SignedLog log, int from, int count) {
		List<byte[]> entries = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			String json = "{\"key\":\"k" + i + "\",\"value\":\"v" + i + "\"}";
			entries.add(Envelope.encode(Envelope.typeBytes("kv.put"), Instant.EPOCH, json.getBytes(StandardCharsets.UTF_8)));
		}
		log.append(entries);
	}

	@Test
	void chunksFollowTheLogInOrderAcrossChunkAndBatchBoundaries() {
		Random random = new Random(SEED);
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults()); ReadAhead reads = readAhead(97)) {
			SignedLog log = store.writer("a");
			for (int i = 0; i < 20_000; i += 1000) {
				append(log, i, 1000);
			}
			long seq = 0;
			while (seq < log.length()) {
				long to = Math.min(log.length(), seq + 1 + random.nextInt(500)); // one batch (seed " + SEED + ")
				while (seq < to) {
					ReadChunk chunk = reads.next(log, seq, to, true);
					EntryBatch entries = chunk.entries();
					assertThat(entries.first()).as("chunk start for seq %d", seq).isLessThanOrEqualTo(seq);
					assertThat(entries.end()).as("chunk end for seq %d", seq).isGreaterThan(seq);
					int end = (int) Math.min(entries.count(), to - entries.first());
					for (int i = (int) (seq - entries.first()); i < end; i++, seq++) {
						assertThat(chunk.decoded(i)).as("seq %d decoded", seq).isTrue();
						assertThat(chunk.value(i)).as("seq %d (seed %d)", seq, SEED).isEqualTo(new KvPut("k" + seq, "v" + seq));
					}
					assertThat(reads.slots()).isLessThanOrEqualTo(ReadAhead.DEPTH + 1);
				}
			}
			assertThat(seq).isEqualTo(20_000);
			// reads are submitted to the executor (the view's thread takes over those that have not started)
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.aheadReads).hasPositiveValue());
			// every chunk after the first was read ahead (by the executor or, if it had not started, here)
			assertThat(reads.used()).as("chunks read ahead and used").isGreaterThanOrEqualTo(20_000 / 97 - 1);
		}
	}

	@Test
	void batchesContinueInAChunkReadAheadAndGoingBackReadsAndDecodesAfresh() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults()); ReadAhead reads = readAhead(100)) {
			SignedLog log = store.writer("a");
			append(log, 0, 1000);
			reads.next(log, 0, 50, true); // read here; [50, 150) is read ahead
			ReadChunk ahead = reads.next(log, 50, 80, true);
			assertThat(ahead.entries().first()).isEqualTo(50);
			assertThat(ahead.entries().count()).isEqualTo(100);
			Object handedOut = ahead.value(10);
			// the next batch continues in the same chunk, past the end of the batch that asked for it
			assertThat(reads.next(log, 80, 120, true)).isSameAs(ahead);
			// a batch that failed is run again from its start: its values were handed out, so they are read anew
			ReadChunk again = reads.next(log, 50, 80, true);
			assertThat(again.entries().first()).isEqualTo(50);
			assertThat(again.value(10)).isEqualTo(new KvPut("k60", "v60")).isNotSameAs(handedOut);
		}
	}

	@Test
	void aTransactionEndedEarlyGoesOnInItsChunkAndKeepsTheReadAhead() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults()); ReadAhead reads = readAhead(100)) {
			SignedLog log = store.writer("a");
			append(log, 0, 1000);
			ReadChunk first = reads.next(log, 0, 500, true); // [0, 100) handed out; [100, 200) read ahead
			Object handedOut = first.value(29);
			reads.stoppedAt(log, 30); // the transaction committed after entry 29
			ReadChunk same = reads.next(log, 30, 500, true);
			assertThat(same).as("the next transaction goes on in the same chunk").isSameAs(first);
			assertThat(same.value(30)).isEqualTo(new KvPut("k30", "v30"));
			assertThat(same.value(29)).isSameAs(handedOut);
			ReadChunk next = reads.next(log, 100, 500, true);
			assertThat(next.entries().first()).isEqualTo(100);
			assertThat(reads.used()).as("the chunk read ahead was used, not read again").isEqualTo(1);
		}
	}

	@Test
	void aReadOffThePathLeavesTheReadsAheadAlone() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults()); ReadAhead reads = readAhead(100)) {
			SignedLog log = store.writer("a");
			append(log, 0, 1000);
			reads.next(log, 0, 100, true);
			ReadChunk retried = reads.next(log, 7, 8, false); // a dead letter retried
			assertThat(retried.value(0)).isEqualTo(new KvPut("k7", "v7"));
			ReadChunk next = reads.next(log, 100, 200, true);
			assertThat(next.entries().first()).isEqualTo(100);
			assertThat(next.value(99)).isEqualTo(new KvPut("k199", "v199"));
			assertThat(reads.used()).as("the chunk read ahead was used").isEqualTo(1);
		}
	}
}
