package dev.kappa.internal.hypercore;

import java.util.List;

import dev.kappa.internal.hypercore.AlphaMessages.Data;
import dev.kappa.internal.hypercore.AlphaMessages.DataBlock;
import dev.kappa.internal.hypercore.AlphaMessages.DataHash;
import dev.kappa.internal.hypercore.AlphaMessages.DataUpgrade;
import dev.kappa.internal.hypercore.AlphaMessages.NoData;
import dev.kappa.internal.hypercore.AlphaMessages.Range;
import dev.kappa.internal.hypercore.AlphaMessages.Request;
import dev.kappa.internal.hypercore.AlphaMessages.Sync;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.SignedLog;

/**
 * Serves one local log to a hypercore peer on one channel, as a compat core (key = the writer's Ed25519
 * public key, 80-byte signable): announces its length ({@code sync}, {@code range}) and again whenever it
 * grows, re-sends {@code sync} while the peer's echo of our length is stale (Node only asks for an upgrade
 * once it has heard our current length), and answers block, hash and upgrade requests with proofs read from
 * the stored tree. Requests it cannot answer get {@code noData} with a reason.
 */
final class ServedCore implements CoreHandler {

	private final SignedLog log;

	private final ExposedLogs registry;

	private AlphaChannel channel;

	private long peerLength;

	private long announced;

	ServedCore(SignedLog log, ExposedLogs registry) {
		this.log = log;
		this.registry = registry;
	}

	@Override
	public byte[] coreKey() {
		return this.log.key().bytes();
	}

	@Override
	public void opened(AlphaChannel channel) {
		this.channel = channel;
		this.registry.watch(this.log, this);
		announce();
	}

	/** Called from any thread when the log has grown. */
	void appended() {
		AlphaChannel c = this.channel;
		if (c != null) {
			c.execute(this::announce);
		}
	}

	private void announce() {
		long length = this.log.head().length();
		if (length < this.announced || this.channel.closed) {
			return;
		}
		sendSync(length);
		if (length > this.announced) {
			CompactWriter out = new CompactWriter();
			new Range(false, this.announced, length - this.announced).encode(out);
			this.channel.send(AlphaMessages.RANGE, out);
		}
		this.announced = length;
	}

	private void sendSync(long length) {
		CompactWriter out = new CompactWriter();
		new Sync(true, true, false, false, this.log.head().fork(), length, this.peerLength).encode(out);
		this.channel.send(AlphaMessages.SYNC, out);
	}

	@Override
	public void message(AlphaChannel channel, int type, CompactReader body) {
		switch (type) {
			case AlphaMessages.SYNC -> {
				Sync sync = Sync.decode(body);
				boolean changed = sync.length() != this.peerLength;
				this.peerLength = sync.length();
				if (sync.remoteLength() != this.announced || changed) {
					sendSync(this.announced);
				}
			}
			case AlphaMessages.REQUEST -> answer(Request.decode(body));
			case AlphaMessages.WANT -> {
				if (this.announced > 0) {
					CompactWriter out = new CompactWriter();
					new Range(false, 0, this.announced).encode(out);
					channel.send(AlphaMessages.RANGE, out);
				}
			}
			default -> {
				// cancel (answers are never queued), range, bitfield, unwant, extension: nothing to do when serving
			}
		}
	}

	private void answer(Request request) {
		LogHead head = this.log.head();
		long length = head.length();
		int reason = unanswerable(request, head);
		if (reason != 0) {
			noData(request.id(), reason);
			return;
		}
		ProofBuilder.Target target = request.block() != null
				? ProofBuilder.Target.block(request.block().a(), request.block().b())
				: request.hash() != null ? ProofBuilder.Target.hash(request.hash().a(), request.hash().b()) : null;
		long upgradeStart = request.upgrade() != null ? request.upgrade().a() : 0;
		long upgradeLength = request.upgrade() != null ? request.upgrade().b() : 0;
		ProofBuilder.Proof proof;
		try {
			proof = ProofBuilder.build(this.log::treeNode, length, target, upgradeStart, upgradeLength);
		}
		catch (WireException ex) {
			noData(request.id(), AlphaMessages.INVALID_REQUEST);
			return;
		}
		DataBlock block = request.block() != null
				? new DataBlock(request.block().a(), this.log.read(request.block().a()), proof.path()) : null;
		DataHash hash = block == null && request.hash() != null ? new DataHash(request.hash().a(), proof.path()) : null;
		DataUpgrade upgrade = request.upgrade() != null ? new DataUpgrade(upgradeStart, upgradeLength, proof.upgrade(),
				proof.additional() != null ? proof.additional() : List.of(), head.signature()) : null;
		CompactWriter out = new CompactWriter(block != null ? block.value().length + 256 : 256);
		new Data(request.id(), head.fork(), block, hash, upgrade, null).encode(out);
		this.channel.send(AlphaMessages.DATA, out);
	}

	/** Why a request cannot be answered from this log at {@code head} (a noData reason), or 0. */
	private static int unanswerable(Request request, LogHead head) {
		long length = head.length();
		if (request.fork() != head.fork() || request.seek() != null || length == 0) {
			return AlphaMessages.NOT_AVAILABLE;
		}
		if (request.block() != null && request.block().a() >= length) {
			return AlphaMessages.NOT_AVAILABLE;
		}
		if (request.hash() != null && FlatIterator.rightSpan(request.hash().a()) >= 2 * length) {
			return AlphaMessages.NOT_AVAILABLE;
		}
		if (request.upgrade() != null) {
			long end = request.upgrade().a() + request.upgrade().b();
			if (request.upgrade().b() == 0 || end < 0) {
				return AlphaMessages.INVALID_REQUEST;
			}
			if (end > length) {
				return AlphaMessages.NOT_AVAILABLE;
			}
		}
		if (request.block() == null && request.hash() == null && request.upgrade() == null) {
			return AlphaMessages.NOT_AVAILABLE;
		}
		return 0;
	}

	private void noData(long id, int reason) {
		CompactWriter out = new CompactWriter();
		new NoData(id, reason).encode(out);
		this.channel.send(AlphaMessages.NO_DATA, out);
	}

	@Override
	public void closed(AlphaChannel channel) {
		this.registry.unwatch(this.log, this);
	}
}
