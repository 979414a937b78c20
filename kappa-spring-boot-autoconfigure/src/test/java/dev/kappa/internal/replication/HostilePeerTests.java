package dev.kappa.internal.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.kappa.TestFiles;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.replication.ReplicationTesting.TestNode;
import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A peer that completes the handshake and then misbehaves: the node closes that session with one WARN line
 * naming the peer and the reason, stores nothing unverified, and a second live session goes on.
 */
class HostilePeerTests {

	@TempDir
	Path dir;

	private final NetworkKey key = NetworkKey.generate();

	private WarnCapture warnings;

	private TestNode victim;

	private TestNode friend;

	private LogStore hostileStore;

	private SignedLog hostileLog;

	private SignedLog victimOwn;

	@BeforeEach
	void setUp() {
		this.warnings = new WarnCapture();
		this.victim = TestNode.server(this.dir.resolve("victim"), this.key,
				o -> o.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)));
		this.victimOwn = this.victim.store.writer("own");
		append(this.victimOwn, 0, 20, 10);
		this.friend = TestNode.client(this.dir.resolve("friend"), this.key, o -> o.withPeers(List.of(this.victim.tcp())));
		append(this.friend.store.writer("friend"), 0, 10, 10);
		this.friend.replicator.start();
		await().until(() -> ReplicationTesting.sameLengths(this.victim.store, this.friend.store));
		this.hostileStore = LogStore.open(this.dir.resolve("hostile"), LogOptions.defaults());
		this.hostileLog = this.hostileStore.writer("bait");
		append(this.hostileLog, 0, 30, 10);
	}

	@AfterEach
	void tearDown() {
		this.friend.close();
		this.victim.close();
		this.hostileStore.close();
		this.warnings.close();
	}

	/** The session with {@code peer} closed with one WARN naming it and {@code reason}; the friend still syncs. */
	private void assertClosedFor(HostilePeer peer, String reason) throws Exception {
		await().until(() -> peer.closed.isDone());
		List<String> lines = this.warnings.warnings().stream().filter(w -> w.contains(peer.name())).toList();
		assertThat(lines).singleElement().asString().contains("closed: the peer").contains(reason);
		SignedLog friendLog = this.friend.store.writer("friend");
		append(friendLog, friendLog.length(), 25, 5);
		await().until(() -> this.victim.store.find(friendLog.key()).orElseThrow().length() == friendLog.length());
		assertThat(this.victim.replicator.sessionCount()).isEqualTo(1);
	}

	private static Messages.Head head(SignedLog log) {
		LogHead h = log.head();
		return new Messages.Head(log.key(), h.length(), h.fork(), h.treeHash(), h.signature());
	}

	@Test
	void aHeadWithABadSignatureClosesOnlyThatSessionAndCreatesNoReplica() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			Messages.Head h = head(this.hostileLog);
			byte[] sig = h.signature();
			sig[7] ^= 1;
			peer.send(o -> {
				Messages.hello(o, false);
				Messages.have(o, List.of(new Messages.Head(h.key(), h.length(), h.fork(), h.treeHash(), sig)));
			});
			assertClosedFor(peer, "signature does not verify");
			assertThat(this.victim.store.find(this.hostileLog.key())).isEmpty();
		}
	}

	@Test
	void aTamperedEntryClosesOnlyThatSession() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> {
				Messages.hello(o, false);
				Messages.have(o, List.of(head(this.hostileLog)));
				Messages.empty(o, Messages.HAVE_END);
			});
			peer.await(Messages.WANT);
			EntryBatch chunk = this.hostileLog.readChunk(0, 1 << 20, new EntryBatch());
			chunk.buffer()[chunk.offset(3) + 12] ^= 1;
			peer.send(o -> Messages.data(o, this.hostileLog.key(), chunk, 0, this.hostileLog.rootsAt(0)));
			assertClosedFor(peer, "signature does not verify over entries 0..29");
			assertThat(this.victim.store.find(this.hostileLog.key())).isEmpty();
			assertThat(this.victim.dir.resolve("logs").resolve(this.hostileLog.key().toString())).doesNotExist();
		}
	}

	@Test
	void aHeadWithoutEntriesCreatesNoReplica() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> {
				Messages.hello(o, false);
				Messages.have(o, List.of(head(this.hostileLog)));
				Messages.empty(o, Messages.HAVE_END);
			});
			peer.await(Messages.WANT); // asked for, but nothing created before entries verify
			assertThat(this.victim.store.find(this.hostileLog.key())).isEmpty();
			assertThat(this.victim.dir.resolve("logs").resolve(this.hostileLog.key().toString())).doesNotExist();
		}
	}

	@Test
	void entriesForTheNodesOwnWritableLogCloseOnlyThatSessionAndLeaveItUntouched() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			EntryBatch chunk = this.hostileLog.readChunk(0, 1 << 20, new EntryBatch());
			LogKey target = this.victimOwn.key();
			peer.send(o -> {
				Messages.hello(o, false);
				Messages.data(o, target, chunk, 0, null);
			});
			assertClosedFor(peer, "own writable log");
			assertThat(this.victimOwn.length()).isEqualTo(20);
		}
	}

	@Test
	void entriesThatWereNotAskedForCloseOnlyThatSession() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			EntryBatch chunk = this.hostileLog.readChunk(0, 1 << 20, new EntryBatch());
			peer.send(o -> {
				Messages.hello(o, false);
				Messages.data(o, this.hostileLog.key(), chunk, 0, null);
			});
			assertClosedFor(peer, "did not ask for");
			assertThat(this.victim.store.find(this.hostileLog.key())).isEmpty();
		}
	}

	@Test
	void aForkProvenByEntriesWithTheSendersRootsIsRecordedAndClosesOnlyThatSession() throws Exception {
		// A twin of the bait log's writer signs a different entry 30 (and more) than the original.
		this.hostileStore.close();
		Path twinDir = this.dir.resolve("twin");
		TestFiles.copy(this.dir.resolve("hostile"), twinDir);
		this.hostileStore = LogStore.open(this.dir.resolve("hostile"), LogOptions.defaults());
		this.hostileLog = this.hostileStore.writer("bait");
		append(this.hostileLog, 30, 1, 1);
		try (LogStore twinStore = LogStore.open(twinDir, LogOptions.defaults())) {
			SignedLog twin = twinStore.writer("bait");
			append(twin, 1000, 6, 3);
			// The victim first gets the original's 31 entries from an honest sender.
			try (HostilePeer honest = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
				honest.send(o -> {
					Messages.hello(o, false);
					Messages.have(o, List.of(head(this.hostileLog)));
					Messages.empty(o, Messages.HAVE_END);
				});
				honest.await(Messages.WANT);
				EntryBatch all = this.hostileLog.readChunk(0, 1 << 20, new EntryBatch());
				honest.send(o -> Messages.data(o, this.hostileLog.key(), all, 0, this.hostileLog.rootsAt(0)));
				honest.await(Messages.DONE);
			}
			assertThat(this.victim.store.find(twin.key()).orElseThrow().length()).isEqualTo(31);
			// Then the twin's longer history arrives from seq 31, with the twin's roots at 31.
			try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
				peer.send(o -> {
					Messages.hello(o, false);
					Messages.have(o, List.of(head(twin)));
					Messages.empty(o, Messages.HAVE_END);
				});
				peer.await(Messages.WANT);
				EntryBatch chunk = twin.readChunk(31, 1 << 20, new EntryBatch());
				peer.send(o -> Messages.data(o, twin.key(), chunk, 0, twin.rootsAt(31)));
				assertClosedFor(peer, "a fork");
			}
			SignedLog held = this.victim.store.find(twin.key()).orElseThrow();
			assertThat(held.length()).isEqualTo(31);
			held.verify();
			assertThat(held.head().treeHash()).isEqualTo(this.hostileLog.head().treeHash());
			try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(this.victim.dir.resolve("forks"))) {
				assertThat(files.toList()).singleElement()
					.satisfies(f -> assertThat(java.nio.file.Files.readString(f)).contains("\"ours\": {\"length\": 31"));
			}
		}
	}

	@Test
	void anOversizedMessageClosesOnlyThatSession() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> {
				Messages.hello(o, false);
				o.u32(100 << 20).u8(Messages.DATA).bytes(new byte[1000]);
			});
			assertClosedFor(peer, "message of 104857600 bytes; the maximum is");
		}
	}

	@Test
	void aMalformedMessageClosesOnlyThatSession() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> {
				Messages.hello(o, false);
				o.begin(Messages.HAVE).u16(1).bytes(new byte[40]).end();
			});
			assertClosedFor(peer, "malformed HAVE message (truncated)");
		}
	}

	@Test
	void anUnknownMessageTypeClosesOnlyThatSession() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> {
				Messages.hello(o, false);
				o.begin(0x7f).u64(1).end();
			});
			assertClosedFor(peer, "unknown type 127");
		}
	}

	@Test
	void aPeerThatStallsIsClosedAtTheIdleTimeout() throws Exception {
		try (HostilePeer peer = HostilePeer.connect(this.victim.replicator.port(), this.key)) {
			peer.send(o -> Messages.hello(o, false));
			// ... and then nothing, not even a keep-alive.
			assertClosedFor(peer, "stalled: nothing received for 1000 ms");
		}
	}
}
