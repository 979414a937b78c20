package dev.kappa.internal.hypercore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.internal.hypercore.AlphaMessages.Data;
import dev.kappa.internal.hypercore.AlphaMessages.Range2;
import dev.kappa.internal.hypercore.AlphaMessages.Request;
import dev.kappa.internal.hypercore.AlphaMessages.Sync;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.RejectedEntriesException;
import dev.kappa.internal.log.SignatureScheme;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.log.TreeNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one hypercore core of a peer into a read-only replica log: asks for the signed length above ours
 * ({@code upgrade} from 0, so the proof is the full roots of the signed tree, with the manifest if the peer
 * announces one), checks the roots against the writer's signature (compat, or the manifest's signer over the
 * 112-byte signable), downloads the new blocks (48 requests in flight, each proved up to a signed root), and
 * stores them under that signature (one frame, or a signed group of frames over 4 MiB), which the log verifies
 * again. The replica is created (with its {@code log.manifest} for a manifest core) by the first verified
 * download. Repeats whenever
 * the peer announces a longer core. A fork (another fork id), a manifest that does not hash to the key, a block or
 * signature that does not verify, or an upgrade larger than the log takes at once is reported and closes the
 * channel; nothing of it is stored.
 */
final class FollowedCore implements CoreHandler {

	private static final Logger logger = LoggerFactory.getLogger(FollowedCore.class);

	private static final int IN_FLIGHT = 48;

	private final LogKey key;

	private final LogStore store;

	private final FollowedCores registry;

	/** The replica, once the first download created it (here or on another connection). */
	private SignedLog log;

	/** How the writer's signatures verify: known from the replica, or from the first upgrade. */
	private SignatureScheme scheme;

	private boolean hasManifest;

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

	FollowedCore(LogKey key, LogStore store, FollowedCores registry) {
		this.key = key;
		this.store = store;
		this.registry = registry;
	}

	@Override
	public byte[] coreKey() {
		return this.key.bytes();
	}

	/** The replica if it exists yet. */
	private SignedLog log() {
		if (this.log == null) {
			this.log = this.store.find(this.key).orElse(null);
			this.scheme = this.log != null ? this.log.scheme() : this.scheme;
		}
		return this.log;
	}

	private long stored() {
		SignedLog held = log();
		return held == null ? 0 : held.length();
	}

	@Override
	public void opened(AlphaChannel channel) {
		this.channel = channel;
		sendSync();
	}

	private void sendSync() {
		CompactWriter out = new CompactWriter();
		new Sync(false, true, true, false, 0, stored(), this.remoteLength).encode(out);
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
			this.registry.report(this.key, "the writer truncated the core (fork id " + sync.fork()
					+ "); a fork is never merged, the core is no longer followed from " + this.channel.peer());
			this.channel.close();
			return;
		}
		this.hasManifest = sync.hasManifest();
		if (log() != null && (this.scheme.manifest() != null) != this.hasManifest) {
			stop("the peer announces " + (this.hasManifest ? "a manifest" : "no manifest") + " for a core held as "
					+ (this.hasManifest ? "a compat" : "a manifest") + " log");
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
		if (this.upgradeId != 0 || this.remoteLength <= stored()) {
			return;
		}
		this.upgradeId = this.nextId++;
		CompactWriter out = new CompactWriter();
		new Request(this.upgradeId, 0, null, null, null, new Range2(0, this.remoteLength),
				this.hasManifest && this.scheme == null, 0).encode(out);
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
		byte[] signature = signature(upgrade.signature(), data.manifest());
		if (signature == null) {
			return;
		}
		if (!this.scheme.verify(signature, treeHash, length, 0)) {
			stop("the writer's signature of length " + length + " does not verify");
			return;
		}
		long count = length - stored();
		if (count <= 0) {
			this.upgradeId = 0;
			return;
		}
		long bytes = newBytes(upgrade.nodes()) + 4 * count;
		if (bytes > SignedLog.MAX_VERIFIED_BYTES || count > Integer.MAX_VALUE - 8) {
			stop("its " + count + " new blocks (" + bytes + " bytes) exceed what the log stores under one signature ("
					+ SignedLog.MAX_VERIFIED_BYTES + " bytes); a writer that appends in smaller steps can be followed");
			return;
		}
		this.roots = upgrade.nodes();
		this.signature = signature;
		this.start = stored();
		this.target = length;
		this.blocks = new byte[(int) count][];
		this.received = 0;
		this.nextBlock = this.start;
		requestBlocks();
	}

	/** The bytes of the blocks above ours under {@code roots}. */
	private long newBytes(List<TreeNode> roots) {
		long bytes = 0;
		for (TreeNode root : roots) {
			bytes += root.size();
		}
		SignedLog held = log();
		if (held != null) {
			for (TreeNode root : held.rootsAt(held.length())) {
				bytes -= root.size();
			}
		}
		return bytes;
	}

	/**
	 * The raw writer's signature of an upgrade, with the scheme it verifies by (known, or from the manifest the
	 * peer sent); {@code null} after reporting why there is none.
	 */
	private byte[] signature(byte[] sent, byte[] manifest) {
		if (this.scheme == null) {
			this.scheme = scheme(manifest);
			if (this.scheme == null) {
				return null;
			}
		}
		if (this.scheme.manifest() == null) {
			return sent;
		}
		byte[] raw = Manifest.signature(sent);
		if (raw == null) {
			stop("the upgrade's signature is not a multisig of one proof by the manifest's signer");
		}
		return raw;
	}

	/** The signature scheme of a core not held yet; {@code null} after reporting why there is none. */
	private SignatureScheme scheme(byte[] manifest) {
		if (!this.hasManifest) {
			try {
				return SignatureScheme.compat(this.key);
			}
			catch (IllegalArgumentException ex) {
				stop("the peer announces no manifest, and the core key is no Ed25519 public key");
				return null;
			}
		}
		if (manifest == null) {
			stop("the peer announces a manifest but did not send it with the upgrade");
			return null;
		}
		try {
			return Manifest.parse(this.key, manifest).signatures();
		}
		catch (WireException ex) {
			stop(ex.getMessage());
			return null;
		}
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
		if (stored() != this.start) {
			// another connection stored (some of) these blocks meanwhile
			reset();
			requestUpgrade();
			return;
		}
		try {
			if (log() == null) {
				this.log = this.store.replica(this.key, this.scheme);
			}
			this.log.appendVerified(this.start, new ArrayList<>(Arrays.asList(this.blocks)), 0, this.signature, null);
		}
		catch (RejectedEntriesException ex) {
			stop(ex.getMessage());
			return;
		}
		logger.debug("Followed core {} to length {}", this.key, this.target);
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
		this.registry.report(this.key, reason + " (peer " + this.channel.peer() + ")");
		reset();
		this.channel.close();
	}

	@Override
	public void closed(AlphaChannel channel) {
		reset();
	}
}
