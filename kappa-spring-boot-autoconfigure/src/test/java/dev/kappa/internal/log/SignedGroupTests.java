package dev.kappa.internal.log;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Entries over one frame under one signature, as a hypercore peer sends them (docs/format.md, "Covered frames"):
 * stored as covered frames followed by a signed one, reopened and verified; a data file that ends in covered
 * frames is cut back to its last signed frame, with the count logged.
 */
class SignedGroupTests {

	/** 12 entries of 1,000,000 bytes: three frames of four (two covered, one signed). */
	private static final int ENTRIES = 12;

	@TempDir
	Path dir;

	private final Ed25519.KeyPair writer = Ed25519.KeyPair.fromSeed(new byte[32]);

	private final LogKey key = new LogKey(this.writer.publicKey());

	private final Logger logger = (Logger) LoggerFactory.getLogger(LogRecovery.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Path logDir;

	@BeforeEach
	void capture() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logDir = this.dir.resolve("logs").resolve(this.key.toString());
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.appender);
	}

	/** Seed 14: entries of random bytes. */
	private static List<byte[]> bigEntries14() {
		Random random = new Random(14);
		List<byte[]> out = new ArrayList<>();
		for (int i = 0; i < ENTRIES; i++) {
			byte[] entry = new byte[1_000_000];
			random.nextBytes(entry);
			out.add(entry);
		}
		return out;
	}

	/** The writer's signature of the tree after {@code before} then {@code entries}. */
	private byte[] sign(List<byte[]> before, List<byte[]> entries) {
		MerkleTree tree = MerkleTree.empty();
		tree.appendAll(before);
		tree.appendAll(entries);
		return this.writer.sign(tree.signable());
	}

	private LogStore open() {
		return LogStore.open(this.dir, LogTesting.options());
	}

	@Test
	void entriesOverOneFrameAreStoredAsASignedGroupAndReadAfterReopening() throws Exception {
		List<byte[]> entries = bigEntries14();
		try (LogStore store = open()) {
			SignedLog log = store.replica(this.key);
			log.appendVerified(0, entries, 0, sign(List.of(), entries), null);
			assertThat(log.length()).isEqualTo(ENTRIES);
			assertThat(log.passesOn()).isFalse();
		}
		List<long[]> frames = frames();
		assertThat(frames).hasSize(3);
		assertThat(frames).extracting(f -> f[2]).containsExactly(1L, 1L, 0L); // covered, covered, signed
		try (LogStore store = open()) {
			SignedLog log = store.find(this.key).orElseThrow();
			assertThat(log.length()).isEqualTo(ENTRIES);
			assertThat(log.passesOn()).isFalse();
			for (int i = 0; i < ENTRIES; i++) {
				assertThat(log.read(i)).isEqualTo(entries.get(i));
			}
			log.verify();
		}
	}

	@Test
	void aSignedGroupWhoseSignatureDoesNotVerifyIsNotStored() {
		List<byte[]> entries = bigEntries14();
		byte[] sig = sign(List.of(), entries);
		sig[0] ^= 1;
		try (LogStore store = open()) {
			SignedLog log = store.replica(this.key);
			assertThatThrownBy(() -> log.appendVerified(0, entries, 0, sig, null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("signature does not verify over entries 0..11");
			assertThat(log.length()).isZero();
		}
		assertThat(this.logDir.resolve(LogFiles.DATA_FILE)).hasSize(LogFiles.DATA_HEADER);
	}

	@Test
	void aSignedGroupIsRefusedWithPeerRootsOrBeyondTheLimit() {
		List<byte[]> entries = bigEntries14();
		try (LogStore store = open()) {
			SignedLog log = store.replica(this.key);
			assertThatThrownBy(() -> log.appendVerified(0, entries, 0, sign(List.of(), entries), List.of()))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("exceeds the maximum frame");
			List<byte[]> tooMany = new ArrayList<>();
			for (int i = 0; i < 270; i++) {
				tooMany.add(entries.get(i % ENTRIES));
			}
			assertThatThrownBy(() -> log.appendVerified(0, tooMany, 0, new byte[64], null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("under one signature exceed the maximum of " + SignedLog.MAX_VERIFIED_BYTES);
		}
	}

	@Test
	void aLogEndingInCoveredFramesIsCutBackToItsLastSignedFrame() throws Exception {
		List<byte[]> first = LogTesting.entries(0, 3);
		List<byte[]> group = bigEntries14();
		Path point = this.dir.resolve("recovery-at-3");
		try (LogStore store = open()) {
			store.replica(this.key).appendVerified(0, first, 0, sign(List.of(), first), null);
		}
		Files.copy(this.logDir.resolve(RecoveryPoint.FILE), point);
		try (LogStore store = open()) {
			store.find(this.key).orElseThrow().appendVerified(3, group, 0, sign(first, group), null);
		}
		// a crash before the signed frame of the group reached the disk, and before a recovery point covered it
		List<long[]> frames = frames();
		assertThat(frames).extracting(f -> f[2]).containsExactly(0L, 1L, 1L, 0L);
		truncateData(frames.get(3)[0]);
		Files.copy(point, this.logDir.resolve(RecoveryPoint.FILE), StandardCopyOption.REPLACE_EXISTING);
		try (LogStore store = open()) {
			SignedLog log = store.find(this.key).orElseThrow();
			assertThat(log.length()).isEqualTo(3);
			assertThat(log.passesOn()).isTrue();
			log.verify();
			log.appendVerified(3, group, 0, sign(first, group), null); // downloaded again
			assertThat(log.length()).isEqualTo(3 + ENTRIES);
		}
		assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("covered frames of entries 3..10")
				.contains("8 entries cut, from seq 3"));
	}

	@Test
	void aTornSignedFrameAfterCoveredFramesCutsTheWholeGroup() throws Exception {
		List<byte[]> group = bigEntries14();
		try (LogStore store = open()) {
			store.replica(this.key).appendVerified(0, group, 0, sign(List.of(), group), null);
		}
		List<long[]> frames = frames();
		truncateData(frames.get(2)[0] + 100); // the signed frame, torn
		Files.delete(this.logDir.resolve(RecoveryPoint.FILE));
		try (LogStore store = open()) {
			// nothing signed is left: the empty replica is removed, as one whose first chunk never completed
			assertThat(store.find(this.key)).isEmpty();
		}
		assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("cut off by the end of the file, after covered"
				+ " frames of entries 0..7").contains("12 entries cut, from seq 0"));
	}

	/** Every frame of the data file: {start offset, length, covered ? 1 : 0}. */
	private List<long[]> frames() throws Exception {
		byte[] data = Files.readAllBytes(this.logDir.resolve(LogFiles.DATA_FILE));
		List<long[]> out = new ArrayList<>();
		for (int at = LogFiles.DATA_HEADER; at < data.length; at += Frame.frameLength(data, at)) {
			out.add(new long[] { at, Frame.frameLength(data, at), Frame.covered(data, at) ? 1 : 0 });
		}
		return out;
	}

	private void truncateData(long size) throws Exception {
		try (FileChannel ch = FileChannel.open(this.logDir.resolve(LogFiles.DATA_FILE), StandardOpenOption.WRITE)) {
			ch.truncate(size);
		}
	}

	private List<String> warnings() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}
}
