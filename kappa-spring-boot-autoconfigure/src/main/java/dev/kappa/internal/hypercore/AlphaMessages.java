package dev.kappa.internal.hypercore;

import java.util.List;

import dev.kappa.internal.log.TreeNode;

/**
 * The messages of a {@code hypercore/alpha} channel (hypercore 11 {@code lib/messages.js}), as records with
 * their compact encodings. Decoders ignore trailing bytes, as hypercore's do (v11 added optional fields).
 */
final class AlphaMessages {

	static final String PROTOCOL = "hypercore/alpha";

	static final int SYNC = 0;

	static final int REQUEST = 1;

	static final int CANCEL = 2;

	static final int DATA = 3;

	static final int NO_DATA = 4;

	static final int WANT = 5;

	static final int UNWANT = 6;

	static final int BITFIELD = 7;

	static final int RANGE = 8;

	static final int EXTENSION = 9;

	static final int NOT_AVAILABLE = 1;

	static final int INVALID_REQUEST = 2;

	private AlphaMessages() {
	}

	/** The channel handshake in {@code open}: flags (bit 0: seeks) and the 32-byte capability. */
	record Handshake(long flags, byte[] capability) {

		static Handshake decode(CompactReader in) {
			return new Handshake(in.uint(), in.fixed(32));
		}

		void encode(CompactWriter out) {
			out.uint(this.flags).raw(this.capability);
		}
	}

	record Sync(boolean canUpgrade, boolean uploading, boolean downloading, boolean hasManifest, long fork, long length,
			long remoteLength) {

		static Sync decode(CompactReader in) {
			long flags = in.uint();
			return new Sync((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, in.uint(), in.uint(),
					in.uint());
		}

		void encode(CompactWriter out) {
			out.uint((this.canUpgrade ? 1 : 0) | (this.uploading ? 2 : 0) | (this.downloading ? 4 : 0)
					| (this.hasManifest ? 8 : 0));
			out.uint(this.fork).uint(this.length).uint(this.remoteLength);
		}
	}

	/** A request part {@code {index, nodes}} (block or hash) or {@code {start, length}} (upgrade). */
	record Range2(long a, long b) {
	}

	record Request(long id, long fork, Range2 block, Range2 hash, Range2 seek, Range2 upgrade, boolean manifest,
			long priority) {

		static Request decode(CompactReader in) {
			long flags = in.uint();
			long id = in.uint();
			long fork = in.uint();
			Range2 block = (flags & 1) != 0 ? new Range2(in.uint(), in.uint()) : null;
			Range2 hash = (flags & 2) != 0 ? new Range2(in.uint(), in.uint()) : null;
			Range2 seek = (flags & 4) != 0 ? new Range2(in.uint(), in.uint()) : null;
			Range2 upgrade = (flags & 8) != 0 ? new Range2(in.uint(), in.uint()) : null;
			long priority = (flags & 32) != 0 ? in.uint() : 0;
			return new Request(id, fork, block, hash, seek, upgrade, (flags & 16) != 0, priority);
		}

		void encode(CompactWriter out) {
			out.uint((this.block != null ? 1 : 0) | (this.hash != null ? 2 : 0) | (this.seek != null ? 4 : 0)
					| (this.upgrade != null ? 8 : 0) | (this.manifest ? 16 : 0) | (this.priority != 0 ? 32 : 0));
			out.uint(this.id).uint(this.fork);
			for (Range2 part : new Range2[] { this.block, this.hash, this.seek, this.upgrade }) {
				if (part != null) {
					out.uint(part.a()).uint(part.b());
				}
			}
			if (this.priority != 0) {
				out.uint(this.priority);
			}
		}
	}

	record DataBlock(long index, byte[] value, List<TreeNode> nodes) {
	}

	record DataHash(long index, List<TreeNode> nodes) {
	}

	record DataUpgrade(long start, long length, List<TreeNode> nodes, List<TreeNode> additionalNodes, byte[] signature) {
	}

	/** A {@code data} reply; {@code manifest} is the raw manifest encoding (manifest cores only). */
	record Data(long request, long fork, DataBlock block, DataHash hash, DataUpgrade upgrade, byte[] manifest) {

		static Data decode(CompactReader in) {
			long flags = in.uint();
			long request = in.uint();
			long fork = in.uint();
			DataBlock block = (flags & 1) != 0 ? new DataBlock(in.uint(), in.buffer(), in.nodes()) : null;
			DataHash hash = (flags & 2) != 0 ? new DataHash(in.uint(), in.nodes()) : null;
			if ((flags & 4) != 0) {
				in.uint();
				in.nodes();
			}
			DataUpgrade upgrade = (flags & 8) != 0
					? new DataUpgrade(in.uint(), in.uint(), in.nodes(), in.nodes(), in.optionalBuffer()) : null;
			byte[] manifest = (flags & 16) != 0 ? in.rest() : null;
			return new Data(request, fork, block, hash, upgrade, manifest);
		}

		void encode(CompactWriter out) {
			out.uint((this.block != null ? 1 : 0) | (this.hash != null ? 2 : 0) | (this.upgrade != null ? 8 : 0)
					| (this.manifest != null ? 16 : 0));
			out.uint(this.request).uint(this.fork);
			if (this.block != null) {
				out.uint(this.block.index()).buffer(this.block.value()).nodes(this.block.nodes());
			}
			if (this.hash != null) {
				out.uint(this.hash.index()).nodes(this.hash.nodes());
			}
			if (this.upgrade != null) {
				out.uint(this.upgrade.start()).uint(this.upgrade.length()).nodes(this.upgrade.nodes());
				out.nodes(this.upgrade.additionalNodes()).buffer(this.upgrade.signature());
			}
			if (this.manifest != null) {
				out.raw(this.manifest);
			}
		}
	}

	record NoData(long request, long reason) {

		static NoData decode(CompactReader in) {
			long request = in.uint();
			long flags = in.hasMore() ? in.uint() : 0;
			return new NoData(request, (flags & 1) != 0 ? in.uint() : 0);
		}

		void encode(CompactWriter out) {
			out.uint(this.request).uint(this.reason != 0 ? 1 : 0);
			if (this.reason != 0) {
				out.uint(this.reason);
			}
		}
	}

	/** {@code want}/{@code unwant}: a block range the peer asks about. */
	record Want(long start, long length) {

		static Want decode(CompactReader in) {
			return new Want(in.uint(), in.uint());
		}
	}

	/** {@code range}: blocks the sender holds ({@code drop}: no longer holds). */
	record Range(boolean drop, long start, long length) {

		static Range decode(CompactReader in) {
			long flags = in.uint();
			long start = in.uint();
			long length = (flags & 2) != 0 ? 1 : in.uint();
			return new Range((flags & 1) != 0, start, length);
		}

		void encode(CompactWriter out) {
			boolean one = this.length == 1;
			out.uint((this.drop ? 1 : 0) | (one ? 2 : 0)).uint(this.start);
			if (!one) {
				out.uint(this.length);
			}
		}
	}
}
