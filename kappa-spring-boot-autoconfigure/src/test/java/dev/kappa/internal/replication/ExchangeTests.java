package dev.kappa.internal.replication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import dev.kappa.internal.engine.Monitors;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exchange state machine fed messages directly, without sockets or a handshake: what it answers, what it
 * stores, what it refuses.
 */
class ExchangeTests {

	@TempDir
	Path dir;

	private LogStore store;

	private LogStore peerStore;

	private ScheduledExecutorService timer;

	private FakeLink link;

	private Exchange exchange;

	@BeforeEach
	void setUp() {
		this.store = LogStore.open(this.dir.resolve("node"), LogOptions.defaults());
		this.peerStore = LogStore.open(this.dir.resolve("peer"), LogOptions.defaults());
		this.timer = Executors.newSingleThreadScheduledExecutor();
		ReplicationOptions options = ReplicationTesting.options(this.dir.resolve("node"), NetworkKey.generate());
		Node node = new Node(this.store, () -> {
			throw new AssertionError("no handshake in these tests");
		}, options.networkKey(), options, Runnable::run, this.timer, Monitors.none());
		this.link = new FakeLink();
		this.exchange = new Exchange(node, this.link, this.link.out, false);
	}

	@AfterEach
	void tearDown() {
		this.timer.shutdownNow();
		this.store.close();
		this.peerStore.close();
	}

	@Test
	void opensWithHelloCreditHeadsAndHaveEnd() {
		SignedLog own = this.store.writer("own");
		append(own, 0, 3, 3);
		this.store.writer("empty");
		this.exchange.open();
		assertThat(this.link.sent()).extracting(m -> m[0] & 0xff)
			.containsExactly(Messages.HELLO, Messages.CREDIT, Messages.HAVE, Messages.HAVE_END);
		List<Messages.Head> heads = Messages.have(body(this.link.messages.get(2)));
		assertThat(heads).singleElement().satisfies(h -> {
			assertThat(h.key()).isEqualTo(own.key());
			assertThat(h.length()).isEqualTo(3);
		});
	}

	@Test
	void aMessageBeforeHelloIsAProtocolError() {
		this.exchange.open();
		assertThatThrownBy(() -> feed(o -> Messages.empty(o, Messages.HAVE_END))).isInstanceOf(ProtocolException.class)
			.hasMessage("sent HAVE_END before HELLO");
	}

	@Test
	void aLongerHeadIsAskedForAndItsVerifiedChunkCreatesTheReplicaAndReturnsTheCredit() {
		SignedLog theirs = this.peerStore.writer("theirs");
		append(theirs, 0, 10, 5);
		this.exchange.open();
		this.link.sent();
		feed(o -> {
			Messages.hello(o, false);
			Messages.have(o, List.of(head(theirs)));
			Messages.empty(o, Messages.HAVE_END);
		});
		List<byte[]> answer = this.link.sent();
		assertThat(answer).singleElement().satisfies(m -> {
			assertThat(m[0] & 0xff).isEqualTo(Messages.WANT);
			assertThat(Messages.want(body(m))).isEqualTo(new Messages.Want(theirs.key(), 0));
		});
		assertThat(this.store.find(theirs.key())).as("no replica before entries verify").isEmpty();

		EntryBatch chunk = theirs.readChunk(0, 1 << 20, new EntryBatch());
		int length = feed(o -> Messages.data(o, theirs.key(), chunk, 0, theirs.rootsAt(0)));
		SignedLog replica = this.store.find(theirs.key()).orElseThrow();
		assertThat(replica.writable()).isFalse();
		assertThat(replica.head().treeHash()).isEqualTo(theirs.head().treeHash());
		assertThat(this.exchange.entriesReceived()).isEqualTo(10);
		assertThat(this.exchange.logsReceived()).isEqualTo(1);
		answer = this.link.sent();
		assertThat(answer).extracting(m -> m[0] & 0xff).containsExactly(Messages.CREDIT, Messages.DONE);
		assertThat(Messages.credit(body(answer.get(0)))).isEqualTo(length);

		assertThat(this.link.done).isNull();
		feed(o -> Messages.empty(o, Messages.DONE));
		assertThat(this.link.done).isFalse();
	}

	@Test
	void aTamperedChunkIsRefusedAndCreatesNoReplica() {
		SignedLog theirs = this.peerStore.writer("theirs");
		append(theirs, 0, 4, 4);
		this.exchange.open();
		feed(o -> {
			Messages.hello(o, false);
			Messages.have(o, List.of(head(theirs)));
		});
		EntryBatch chunk = theirs.readChunk(0, 1 << 20, new EntryBatch());
		chunk.buffer()[chunk.offset(2) + 5] ^= 1;
		assertThatThrownBy(() -> feed(o -> Messages.data(o, theirs.key(), chunk, 0, null)))
			.isInstanceOf(ProtocolException.class)
			.hasMessageContaining("signature does not verify over entries 0..3");
		assertThat(this.store.find(theirs.key())).isEmpty();
	}

	@Test
	void entriesForTheNodesOwnWritableLogAreRefusedAndItsHeadIsNotAskedFor() {
		SignedLog own = this.store.writer("own");
		append(own, 0, 2, 2);
		this.exchange.open();
		this.link.sent();
		feed(o -> Messages.hello(o, false));
		EntryBatch chunk = own.readChunk(0, 1 << 20, new EntryBatch());
		assertThatThrownBy(() -> feed(o -> Messages.data(o, own.key(), chunk, 0, null)))
			.isInstanceOf(ProtocolException.class)
			.hasMessage("sent entries for log " + own.key() + ", which is this node's own writable log");
		feed(o -> Messages.have(o, List.of(head(own))));
		assertThat(this.link.sent()).as("no WANT for a log this node writes").isEmpty();
		assertThat(own.length()).isEqualTo(2);
	}

	@Test
	void entriesThatWereNotAskedForAreAProtocolError() {
		SignedLog theirs = this.peerStore.writer("theirs");
		append(theirs, 0, 2, 2);
		this.exchange.open();
		feed(o -> Messages.hello(o, false));
		EntryBatch chunk = theirs.readChunk(0, 1 << 20, new EntryBatch());
		assertThatThrownBy(() -> feed(o -> Messages.data(o, theirs.key(), chunk, 0, null)))
			.hasMessageContaining("which this node did not ask for");
	}

	@Test
	void chunksAreSentOnlyWithinThePeersCreditAndWhileTheTransportTakesMore() {
		SignedLog own = this.store.writer("own");
		append(own, 0, 6, 3);
		this.exchange.open();
		this.link.sent();
		feed(o -> {
			Messages.hello(o, false);
			Messages.want(o, own.key(), 0);
		});
		assertThat(this.link.sent()).as("no credit yet").isEmpty();
		this.link.canSend = false;
		feed(o -> Messages.credit(o, 1 << 20));
		assertThat(this.link.sent()).as("the transport is full").isEmpty();
		this.link.canSend = true;
		this.exchange.pump();
		List<byte[]> data = this.link.sent();
		assertThat(data).isNotEmpty().allSatisfy(m -> assertThat(m[0] & 0xff).isEqualTo(Messages.DATA));
		assertThat(data.stream().mapToInt(m -> Messages.data(body(m)).entries().size()).sum()).isEqualTo(6);
		assertThat(this.exchange.entriesSent()).isEqualTo(6);
	}

	@Test
	void aPeerErrorIsHandedToTheSession() {
		this.exchange.open();
		feed(o -> {
			Messages.hello(o, false);
			Messages.error(o, "bye\u0007");
		});
		assertThat(this.link.peerError).isEqualTo("bye?");
	}

	// ------------------------------------------------------------------ helpers

	private static Messages.Head head(SignedLog log) {
		LogHead h = log.head();
		return new Messages.Head(log.key(), h.length(), h.fork(), h.treeHash(), h.signature());
	}

	/** Lays out messages and feeds each to the exchange, as the session would; returns the last one's length. */
	private int feed(Consumer<Output> build) {
		Output o = new Output(256);
		build.accept(o);
		int last = 0;
		for (byte[] m : split(o)) {
			this.exchange.message(m, 0, m.length);
			last = m.length;
		}
		this.link.flush();
		return last;
	}

	private static Input body(byte[] message) {
		return new Input(message, 1, message.length - 1, Messages.name(message[0] & 0xff));
	}

	/** The messages in an output: type and body each, without the length prefix. */
	static List<byte[]> split(Output o) {
		List<byte[]> messages = new ArrayList<>();
		byte[] buf = o.buffer();
		for (int at = 0; at < o.size();) {
			int length = Input.getInt(buf, at);
			messages.add(java.util.Arrays.copyOfRange(buf, at + 4, at + 4 + length));
			at += 4 + length;
		}
		return messages;
	}

	/** The session side of the exchange: records what it was given. */
	private static final class FakeLink implements Exchange.Link {

		final Output out = new Output(256);

		final List<byte[]> messages = new ArrayList<>();

		private int taken;

		boolean canSend = true;

		Boolean done;

		String peerError;

		/** The messages flushed since the last call. */
		List<byte[]> sent() {
			flush();
			List<byte[]> fresh = List.copyOf(this.messages.subList(this.taken, this.messages.size()));
			this.taken = this.messages.size();
			return fresh;
		}

		@Override
		public String peer() {
			return "test-peer";
		}

		@Override
		public boolean canSend() {
			return this.canSend;
		}

		@Override
		public void flush() {
			this.messages.addAll(split(this.out));
			this.out.clear();
		}

		@Override
		public void exchangeDone(boolean live) {
			this.done = live;
		}

		@Override
		public void peerError(String reason) {
			this.peerError = reason;
		}
	}
}
