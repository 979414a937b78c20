package dev.kappa.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogKey;
import dev.kappa.log.EntryBatch;
import dev.kappa.log.ForkException;
import dev.kappa.log.SignedLog;
import dev.kappa.log.TreeNode;

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

	private final Session session;

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

	/** Whether the WARN about {@code kappa.replication.max-logs} was logged in this session. */
	private boolean capLogged;

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

	Exchange(Session session, Output out, boolean wantLive) {
		this.session = session;
		this.node = session.node;
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

	void message(byte[] buf, int offset, int length) {
		int type = buf[offset] & 0xff;
		String name = Messages.name(type);
		Input in = new Input(buf, offset + 1, length - 1, name);
		if (!this.helloReceived && type != Messages.HELLO) {
			throw new ProtocolException("sent " + name + " before HELLO");
		}
		switch (type) {
			case Messages.HELLO -> {
				if (this.helloReceived) {
					throw new ProtocolException("sent a second HELLO");
				}
				int flags = Messages.hello(in);
				this.helloReceived = true;
				this.live = this.wantLive && (flags & Messages.FLAG_LIVE) != 0;
			}
			case Messages.HAVE -> onHave(Messages.have(in));
			case Messages.HAVE_END -> {
				in.done();
				if (this.haveEndReceived) {
					throw new ProtocolException("sent a second HAVE_END");
				}
				this.haveEndReceived = true;
				checkDone();
			}
			case Messages.WANT -> onWant(Messages.want(in));
			case Messages.DATA -> onData(Messages.data(in), length);
			case Messages.CREDIT -> {
				this.peerCredit += Messages.credit(in);
				if (this.peerCredit > (1L << 40)) {
					throw new ProtocolException("granted an absurd flow-control credit of " + this.peerCredit + " bytes");
				}
				pump();
			}
			case Messages.DONE -> {
				in.done();
				this.doneReceived = true;
				if (!this.live) {
					this.ready.clear();
				}
				maybeFinish();
			}
			case Messages.ERROR -> this.session.peerError(Messages.error(in));
			default -> throw new ProtocolException("sent a message of unknown " + name);
		}
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
			SignedLog.Head h = log.head();
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
		for (Messages.Head head : heads) {
			if (!verified(head, this.node.store.find(head.key()).orElse(null))) {
				throw new ProtocolException("sent a head of log " + head.key() + " (length " + head.length()
						+ ") whose signature does not verify");
			}
		}
		for (Messages.Head head : heads) {
			LogKey key = head.key();
			SignedLog local = this.node.store.find(key).orElse(null);
			this.peerLengths.merge(key, head.length(), Math::max);
			if (local != null && local.writable()) {
				continue;
			}
			Incoming in = this.incoming.get(key);
			if (in == null && head.length() > (local == null ? 0 : local.length())) {
				if (local == null && this.node.store.logs().size() + this.pendingNew >= this.node.options.maxLogs()) {
					overCap(key);
					continue;
				}
				this.pendingNew += local == null ? 1 : 0;
				in = new Incoming(local);
				this.incoming.put(key, in);
				Messages.want(this.out, key, in.length());
			}
			if (in != null && !this.haveEndReceived) {
				in.target = Math.max(in.target, head.length());
			}
			if (in != null && head.length() > in.counted) {
				this.entriesAnnounced += head.length() - in.counted;
				in.counted = head.length();
			}
		}
		checkDone();
	}

	/** Checks an announced head; a fork is recorded and ends the session. */
	private boolean verified(Messages.Head head, SignedLog local) {
		try {
			return Verification.head(head, local);
		}
		catch (ForkException ex) {
			throw fork(ex);
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
		Transport transport = this.session.transport();
		while (this.peerCredit > 0 && !this.ready.isEmpty() && transport.isWritable()) {
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
			this.session.flush();
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
		SignedLog own = this.node.store.find(key).orElse(null);
		if (own != null && own.writable()) {
			throw new ProtocolException("offered entries for log " + key + ", which is this node's own writable log");
		}
		Incoming in = this.incoming.get(key);
		if (in == null) {
			throw new ProtocolException("sent entries for log " + key + ", which this node did not ask for");
		}
		if (in.log == null) {
			in.log = Verification.replicaFor(this.node.store, data, this.node.options.maxLogs());
			this.pendingNew--;
			if (in.log == null) {
				overCap(key);
				this.incoming.remove(key);
				Messages.credit(this.out, length);
				this.window += length;
				checkDone();
				return;
			}
			this.node.origins.putIfAbsent(key, this.session.peer());
			this.logsReceived++;
		}
		try {
			long stored = Verification.store(in.log, data);
			this.entriesReceived += stored;
			this.node.monitor.transferred(KappaMonitor.Direction.RECEIVED, stored, 0);
		}
		catch (ForkException ex) {
			throw fork(ex);
		}
		this.window += length;
		Messages.credit(this.out, length);
		checkDone();
	}

	/** A log of the peer this node does not replicate: it holds {@code kappa.replication.max-logs} logs. */
	private void overCap(LogKey key) {
		if (!this.capLogged) {
			this.capLogged = true;
			Session.logger.warn("Replication with {}: not replicating log {} and any further new logs of this peer: this"
					+ " node holds {} logs (kappa.replication.max-logs)", this.session.peer(), key,
					this.node.options.maxLogs());
		}
	}

	private Session.ForkDetected fork(ForkException ex) {
		String where;
		try {
			Path file = this.node.forks.record(ex.evidence(), this.session.peer());
			where = "evidence kept in " + file;
			this.node.monitor.forkDetected(ex.evidence().log(), this.session.peer(), file);
		}
		catch (IOException | RuntimeException io) {
			where = "the evidence could not be written (" + Session.describe(io) + ")";
		}
		LogKey log = ex.evidence().log();
		return new Session.ForkDetected("the peer holds a second signed history of log " + log
				+ ": its writer signed two different histories (a fork); " + where,
				"log " + log + " has forked: its writer signed two different histories (a fork)");
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
			this.session.exchangeDone(this.live);
		}
	}
}
