package dev.kappa.hypercore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.hypercore.AlphaMessages.Data;
import dev.kappa.hypercore.AlphaMessages.Range2;
import dev.kappa.hypercore.AlphaMessages.Request;
import dev.kappa.hypercore.AlphaMessages.Sync;
import dev.kappa.log.RejectedEntriesException;
import dev.kappa.log.SignedLog;
import dev.kappa.log.TreeNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one compat hypercore core of a peer into a read-only replica log: asks for the signed length above
 * ours ({@code upgrade} from 0, so the proof is the full roots of the signed tree), checks the roots against
 * the writer's signature, downloads the new blocks (48 requests in flight, each proved up to a signed root),
 * and stores them as one signed frame, which the log verifies again against the signature. Repeats whenever
 * the peer announces a longer core. A fork (another fork id), a manifest core, a block or signature that does
 * not verify, or an upgrade larger than one frame is reported and closes the channel; nothing of it is stored.
 */
final class FollowedCore implements CoreHandler {

	private static final Logger logger = LoggerFactory.getLogger(FollowedCore.class);

	private static final int IN_FLIGHT = 48;

	/** Frame limits of the log format (docs/format.md): a verified chunk is stored as one frame. */
	private static final long MAX_CHUNK_BYTES = (4 << 20) - 64;

	private final SignedLog log;

	private final FollowedCores registry;

	private AlphaChannel channel;

	private long remoteLength;

	private long nextId = 1;

	private long upgradeId;

	private long start;

	private long target;

	private List<TreeNode> roots;

	private byte[] signature;

	private byte[][] blocks;

	private int received;

	private long nextBlock;

	private final Map<Long, Long> requests = new HashMap<>();

	FollowedCore(SignedLog log, FollowedCores registry) {
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
		sendSync();
	}

	private void sendSync() {
		CompactWriter out = new CompactWriter();
		new Sync(false, true, true, false, 0, this.log.length(), this.remoteLength).encode(out);
		this.channel.send(AlphaMessages.SYNC, out);
	}

	@Override
	public void message(AlphaChannel channel, int type, CompactReader body) {
		switch (type) {
			case AlphaMessages.SYNC -> onSync(Sync.decode(body));
			case AlphaMessages.DATA -> onData(Data.decode(body));
			case AlphaMessages.NO_DATA -> {
				AlphaMessages.NoData noData = AlphaMessages.NoData.decode(body);
				if (noData.request() == this.upgradeId || this.requests.containsKey(noData.request())) {
					stop("the peer has no data for request " + noData.request() + " (reason " + noData.reason() + ")");
				}
			}
			default -> {
				// range, bitfield, want, request (we do not serve followed cores here): nothing to do
			}
		}
	}

	private void onSync(Sync sync) {
		if (sync.fork() != 0) {
			this.registry.report(this.log.key(), "the writer truncated the core (fork id " + sync.fork()
					+ "); a fork is never merged, the core is no longer followed from " + this.channel.peer());
			this.channel.close();
			return;
		}
		if (sync.hasManifest()) {
			stop("it is a manifest core (hypercore 11's default); only compat cores (key = the writer's public key) can be followed so far");
			return;
		}
		boolean grew = sync.length() > this.remoteLength;
		this.remoteLength = Math.max(this.remoteLength, sync.length());
		if (grew) {
			sendSync();
		}
		requestUpgrade();
	}

	private void requestUpgrade() {
		if (this.upgradeId != 0 || this.remoteLength <= this.log.length()) {
			return;
		}
		this.upgradeId = this.nextId++;
		CompactWriter out = new CompactWriter();
		new Request(this.upgradeId, 0, null, null, null, new Range2(0, this.remoteLength), false, 0).encode(out);
		this.channel.send(AlphaMessages.REQUEST, out);
	}

	private void onData(Data data) {
		if (data.request() == this.upgradeId && this.roots == null) {
			onUpgrade(data);
			return;
		}
		Long block = this.requests.remove(data.request());
		if (block == null || data.block() == null || data.block().index() != block) {
			return;
		}
		if (!BlockVerifier.verifies(block, data.block().value(), data.block().nodes(), this.roots)) {
			stop("block " + block + " does not verify against the signed tree (tampered or wrong proof)");
			return;
		}
		int slot = (int) (block - this.start);
		if (this.blocks[slot] == null) {
			this.blocks[slot] = data.block().value();
			this.received++;
		}
		if (this.received == this.blocks.length) {
			store();
		}
		else {
			requestBlocks();
		}
	}

	private void onUpgrade(Data data) {
		AlphaMessages.DataUpgrade upgrade = data.upgrade();
		if (upgrade == null || upgrade.start() != 0 || upgrade.signature() == null) {
			stop("the answer to the upgrade request carries no upgrade");
			return;
		}
		if (!upgrade.additionalNodes().isEmpty()) {
			long longer = FlatIterator.rightSpan(upgrade.additionalNodes().get(upgrade.additionalNodes().size() - 1).index()) / 2 + 1;
			this.remoteLength = Math.max(this.remoteLength, longer);
			this.upgradeId = 0;
			requestUpgrade();
			return;
		}
		long length = upgrade.length();
		byte[] treeHash = BlockVerifier.treeHash(upgrade.nodes(), length);
		if (!SignedLog.verifyHead(this.log.key(), length, 0, treeHash, upgrade.signature())) {
			stop("the writer's signature of length " + length + " does not verify");
			return;
		}
		long bytes = 0;
		for (TreeNode root : upgrade.nodes()) {
			bytes += root.size();
		}
		for (TreeNode root : this.log.rootsAt(this.log.length())) {
			bytes -= root.size();
		}
		long count = length - this.log.length();
		if (count <= 0) {
			this.upgradeId = 0;
			return;
		}
		if (bytes + 4 * count > MAX_CHUNK_BYTES) {
			stop("its " + count + " new blocks (" + bytes + " bytes) exceed one stored frame of 4 MiB; the log format"
					+ " for signatures covering several frames is not implemented yet");
			return;
		}
		this.roots = upgrade.nodes();
		this.signature = upgrade.signature();
		this.start = this.log.length();
		this.target = length;
		this.blocks = new byte[(int) count][];
		this.received = 0;
		this.nextBlock = this.start;
		requestBlocks();
	}

	private void requestBlocks() {
		while (this.nextBlock < this.target && this.requests.size() < IN_FLIGHT) {
			long block = this.nextBlock++;
			long id = this.nextId++;
			this.requests.put(id, block);
			CompactWriter out = new CompactWriter();
			new Request(id, 0, new Range2(block, BlockVerifier.depthToRoot(block, this.target)), null, null, null, false, 0)
				.encode(out);
			this.channel.send(AlphaMessages.REQUEST, out);
		}
	}

	private void store() {
		if (this.log.length() != this.start) {
			// another connection stored (some of) these blocks meanwhile
			reset();
			requestUpgrade();
			return;
		}
		try {
			this.log.appendVerified(this.start, new ArrayList<>(Arrays.asList(this.blocks)), 0, this.signature, null);
		}
		catch (RejectedEntriesException ex) {
			stop(ex.getMessage());
			return;
		}
		logger.debug("Followed core {} to length {}", this.log.key(), this.target);
		reset();
		sendSync();
		requestUpgrade();
	}

	private void reset() {
		this.upgradeId = 0;
		this.roots = null;
		this.blocks = null;
		this.signature = null;
		this.requests.clear();
	}

	/** Reports why the core is not followed from this peer, drops what was downloaded, closes the channel. */
	private void stop(String reason) {
		this.registry.report(this.log.key(), reason + " (peer " + this.channel.peer() + ")");
		reset();
		this.channel.close();
	}

	@Override
	public void closed(AlphaChannel channel) {
		reset();
	}
}
