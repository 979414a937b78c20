package dev.kappa.internal.replication;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.log.TreeNode;

/**
 * The exchange of logs in one session (multifeed semantics, docs/protocol.md "Exchange"): each side announces
 * the signed heads of the logs it holds (HAVE), asks for what it lacks (WANT, a subscription from a seq on),
 * and streams signed chunks (DATA) within the byte credit its peer grants (CREDIT). Received chunks are
 * verified by {@link SignedLog#appendVerified} before anything is stored. A one-shot exchange ends when both
 * sides said DONE; a live one goes on announcing and pushing new entries.
 * <p>
 * Runs on its session's executor only.
 */
final class Exchange {

	/** What an exchange needs of its session; a unit test gives it its own and feeds it messages. */
	interface Link {

		/** How the peer is named in log lines. */
		String peer();

		/** Whether the transport takes more bytes now (its outgoing buffer is below the high-water mark). */
		boolean canSend();

		/** Seals and sends what the exchange laid out in its output. */
		void flush();

		/** Both sides hold what the other announced at the start; a one-shot session ends. */
		void exchangeDone(boolean live);

		/** The peer sent ERROR. */
		void peerError(String reason);
	}

	private final Link link;

	private final Inbound inbound;

	private final Node node;

	private final Output out;

	private final boolean wantLive;

	private boolean helloReceived;

	private boolean live;

	private boolean haveEndReceived;

	private boolean doneSent;

	private boolean doneReceived;

	private boolean finished;

	/** The longest length the peer announced per log. */
	private final Map<LogKey, Long> peerLengths = new HashMap<>();

	/** The length this side announced per log. */
	private final Map<LogKey, Long> announced = new HashMap<>();

	private final Map<LogKey, Incoming> incoming = new HashMap<>();

	private final Map<LogKey, Outgoing> outgoing = new HashMap<>();

	private final ArrayDeque<Outgoing> ready = new ArrayDeque<>();

	private final EntryBatch batch = new EntryBatch();

	/** Bytes of DATA this side may still send. */
	private long peerCredit;

	/** Bytes of DATA the peer may still send. */
	private long window;

	// Volatile: read for status from other threads.
	private volatile long entriesReceived;

	private volatile long entriesSent;

	/** Entries the peer announced beyond what this side held when it first asked for each log. */
	private volatile long entriesAnnounced;

	private int logsReceived;

	/** A log this side asked for, and the length the peer announced before HAVE_END. */
	private static final class Incoming {

		/** Null until the first verified chunk of a log this node did not hold creates the replica. */
		SignedLog log;

		long target;

		/** The highest length announced so far, counted in {@code entriesAnnounced}. */
		long counted;

		Incoming(SignedLog log) {
			this.log = log;
			this.counted = length();
		}

		long length() {
			return this.log == null ? 0 : this.log.length();
		}
	}

	/** Logs asked for that this node does not hold yet. */
	private int pendingNew;

	/** A log the peer asked for: the next seq to send. */
	private static final class Outgoing {

		final SignedLog log;

		final long fork;

		long next;

		boolean rootsSent;

		boolean queued;

		Outgoing(SignedLog log) {
			this.log = log;
			this.fork = log.head().fork();
		}
	}

	Exchange(Node node, Link link, Output out, boolean wantLive) {
		this.link = link;
		this.node = node;
		this.inbound = new Inbound(node, link.peer(), "sent");
		this.out = out;
		this.wantLive = wantLive;
	}

	boolean helloReceived() {
		return this.helloReceived;
	}

	boolean live() {
		return this.live;
	}

	int logsReceived() {
		return this.logsReceived;
	}

	long entriesReceived() {
		return this.entriesReceived;
	}

	long entriesSent() {
		return this.entriesSent;
	}

	long entriesAnnounced() {
		return this.entriesAnnounced;
	}

	/** Right after the handshake: HELLO, the initial credit, the heads held now and HAVE_END. */
	void open() {
		Messages.hello(this.out, this.wantLive);
		this.window = this.node.options.windowBytes();
		Messages.credit(this.out, this.window);
		announce(this.node.store.logs());
		Messages.empty(this.out, Messages.HAVE_END);
	}

	/** One message from the peer: its type byte and body. */
	void message(byte[] buf, int offset, int length) {
		int type = buf[offset] & 0xff;
		String name = Messages.name(type);
		Input in = new Input(buf, offset + 1, length - 1, name);
		if (!this.helloReceived && type != Messages.HELLO) {
			throw new ProtocolException("sent " + name + " before HELLO");
		}
		switch (type) {
			case Messages.HELLO -> onHello(in);
			case Messages.HAVE -> onHave(Messages.have(in));
			case Messages.HAVE_END -> onHaveEnd(in);
			case Messages.WANT -> onWant(Messages.want(in));
			case Messages.DATA -> onData(Messages.data(in), length);
			case Messages.CREDIT -> onCredit(Messages.credit(in));
			case Messages.DONE -> onDone(in);
			case Messages.ERROR -> this.link.peerError(Messages.error(in));
			default -> throw new ProtocolException("sent a message of unknown " + name);
		}
	}

	private void onHello(Input in) {
		if (this.helloReceived) {
			throw new ProtocolException("sent a second HELLO");
		}
		int flags = Messages.hello(in);
		this.helloReceived = true;
		this.live = this.wantLive && (flags & Messages.FLAG_LIVE) != 0;
	}

	private void onHaveEnd(Input in) {
		in.done();
		if (this.haveEndReceived) {
			throw new ProtocolException("sent a second HAVE_END");
		}
		this.haveEndReceived = true;
		checkDone();
	}

	private void onCredit(long bytes) {
		this.peerCredit += bytes;
		if (this.peerCredit > (1L << 40)) {
			throw new ProtocolException("granted an absurd flow-control credit of " + this.peerCredit + " bytes");
		}
		pump();
	}

	private void onDone(Input in) {
		in.done();
		this.doneReceived = true;
		if (!this.live) {
			this.ready.clear();
		}
		maybeFinish();
	}

	/** Entries were appended to these logs (locally or by any session). */
	void changed(Collection<LogKey> keys) {
		List<SignedLog> logs = new ArrayList<>();
		for (LogKey key : keys) {
			this.node.store.find(key).ifPresent(logs::add);
			Outgoing o = this.outgoing.get(key);
			if (o != null) {
				enqueue(o);
			}
		}
		if (this.wantLive && (this.live || !this.helloReceived)) {
			announce(logs);
		}
		pump();
		checkDone();
	}

	// ------------------------------------------------------------------ announcing and asking

	private void announce(List<SignedLog> logs) {
		List<Messages.Head> heads = new ArrayList<>();
		for (SignedLog log : logs) {
			LogHead h = log.head();
			LogKey key = log.key();
			long known = Math.max(this.announced.getOrDefault(key, 0L), this.peerLengths.getOrDefault(key, 0L));
			if (h.length() == 0 || h.signature() == null || h.length() <= known || !log.passesOn()) {
				continue; // followed from a hypercore peer as a manifest log or in signed groups (docs/format.md)
			}
			this.announced.put(key, h.length());
			heads.add(new Messages.Head(key, h.length(), h.fork(), h.treeHash(), h.signature()));
			if (heads.size() == Messages.MAX_HEADS) {
				Messages.have(this.out, heads);
				heads.clear();
			}
		}
		if (!heads.isEmpty()) {
			Messages.have(this.out, heads);
		}
	}

	private void onHave(List<Messages.Head> heads) {
		// The whole message is checked (cap, signatures, forks) before anything is created.
		long fresh = heads.stream().map(Messages.Head::key).distinct().filter(k -> !this.peerLengths.containsKey(k)).count();
		if (this.peerLengths.size() + fresh > this.node.options.maxLogsPerSession()) {
			throw new ProtocolException("announced more than " + this.node.options.maxLogsPerSession()
					+ " logs in one session");
		}
		this.inbound.verify(heads);
		for (Messages.Head head : heads) {
			this.peerLengths.merge(head.key(), head.length(), Math::max);
			if (this.inbound.accepts(head.key())) {
				track(head);
			}
		}
		checkDone();
	}

	/** A verified head of a log this node may receive: asks for it (once) if the peer holds more. */
	private void track(Messages.Head head) {
		LogKey key = head.key();
		Incoming in = this.incoming.get(key);
		if (in == null) {
			SignedLog local = this.inbound.held(key);
			if (head.length() <= (local == null ? 0 : local.length())
					|| (local == null && !this.inbound.roomFor(key, this.pendingNew))) {
				return;
			}
			this.pendingNew += local == null ? 1 : 0;
			in = new Incoming(local);
			this.incoming.put(key, in);
			Messages.want(this.out, key, in.length());
		}
		if (!this.haveEndReceived) {
			in.target = Math.max(in.target, head.length());
		}
		if (head.length() > in.counted) {
			this.entriesAnnounced += head.length() - in.counted;
			in.counted = head.length();
		}
	}

	private void onWant(Messages.Want want) {
		SignedLog log = this.node.store.find(want.key())
			.orElseThrow(() -> new ProtocolException("asked for log " + want.key() + ", which this node does not hold"));
		Outgoing o = this.outgoing.computeIfAbsent(want.key(), k -> new Outgoing(log));
		o.next = want.from();
		o.rootsSent = false;
		enqueue(o);
		pump();
	}

	// ------------------------------------------------------------------ sending

	private void enqueue(Outgoing o) {
		if (!o.queued) {
			o.queued = true;
			this.ready.add(o);
		}
	}

	/** Sends chunks round-robin while the peer's credit lasts and the transport takes more. */
	void pump() {
		if (this.doneReceived && !this.live) {
			return; // a one-shot peer that said DONE needs nothing more
		}
		while (this.peerCredit > 0 && !this.ready.isEmpty() && this.link.canSend()) {
			Outgoing o = this.ready.poll();
			o.queued = false;
			o.log.readChunk(o.next, this.node.options.chunkBytes(), this.batch);
			if (this.batch.count() == 0) {
				continue; // nothing new: waits for changed()
			}
			List<TreeNode> roots = o.rootsSent ? null : o.log.rootsAt(o.next);
			int length = Messages.data(this.out, o.log.key(), this.batch, o.fork, roots);
			o.rootsSent = true;
			o.next = this.batch.end();
			this.peerCredit -= length;
			this.entriesSent += this.batch.count();
			this.node.monitor.transferred(KappaMonitor.Direction.SENT, this.batch.count(), 0);
			this.link.flush();
			enqueue(o);
		}
	}

	// ------------------------------------------------------------------ receiving

	private void onData(Messages.Data data, int length) {
		if (this.window <= 0) {
			throw new ProtocolException("sent more entries than the flow-control window of "
					+ this.node.options.windowBytes() + " bytes allows");
		}
		this.window -= length;
		LogKey key = data.key();
		Incoming in = this.incoming.get(key);
		if (in == null) {
			this.inbound.checkAccepts(key);
			throw new ProtocolException("sent entries for log " + key + ", which this node did not ask for");
		}
		if (in.log == null && !created(in, data)) {
			this.incoming.remove(key); // over kappa.replication.max-logs: not replicated (Inbound logged it)
		}
		else {
			long stored = this.inbound.store(in.log, data);
			this.entriesReceived += stored;
			this.node.monitor.transferred(KappaMonitor.Direction.RECEIVED, stored, 0);
		}
		this.window += length;
		Messages.credit(this.out, length);
		checkDone();
	}

	/** Creates the replica {@code in} waits for from its first verified chunk; false if the node holds too many. */
	private boolean created(Incoming in, Messages.Data data) {
		in.log = this.inbound.replicaFor(data);
		this.pendingNew--;
		if (in.log == null) {
			return false;
		}
		this.node.origins.putIfAbsent(data.key(), this.link.peer());
		this.logsReceived++;
		return true;
	}

	// ------------------------------------------------------------------ ending

	private void checkDone() {
		if (this.doneSent || !this.helloReceived || !this.haveEndReceived) {
			return;
		}
		for (Incoming in : this.incoming.values()) {
			if (in.length() < in.target) {
				return;
			}
		}
		Messages.empty(this.out, Messages.DONE);
		this.doneSent = true;
		maybeFinish();
	}

	private void maybeFinish() {
		if (this.doneSent && this.doneReceived && !this.finished) {
			this.finished = true;
			this.link.exchangeDone(this.live);
		}
	}
}
