package dev.kappa.internal.log;

/**
 * Consecutive entries of one log read in one go, verified against their leaf hashes. Reused from read to
 * read to keep the indexing and replication loops free of per-entry allocation.
 * <p>
 * Internal: used by the view engine and replication, not part of the API.
 */
public final class EntryBatch {

	byte[] data = new byte[64 * 1024];

	int[] offsets = new int[256];

	int[] lengths = new int[256];

	byte[] indexScratch = new byte[256 * OffsetIndex.ENTRY];

	/** Entries whose leaf hashes are read from the tree at once: bounds the two scratch arrays below. */
	static final int LEAF_PIECE = 4096;

	byte[] leafHashes = new byte[256 * 32];

	byte[] treeScratch = new byte[TreeFile.scratchSize(256)];

	/** The leaf hash of the entry being checked. */
	final byte[] leafHash = new byte[32];

	/** For chunk reads: the signature of the tree at {@code first + count}, else null. */
	byte[] signature;

	long first;

	int count;

	/** The seq of the first entry. */
	public long first() {
		return this.first;
	}

	public int count() {
		return this.count;
	}

	/** The seq after the last entry. */
	public long end() {
		return this.first + this.count;
	}

	/** The buffer holding entry {@code i} at {@link #offset(int)}. */
	public byte[] buffer() {
		return this.data;
	}

	public int offset(int i) {
		return this.offsets[i];
	}

	public int length(int i) {
		return this.lengths[i];
	}

	/** A copy of entry {@code i}. */
	public byte[] copy(int i) {
		return java.util.Arrays.copyOfRange(this.data, this.offsets[i], this.offsets[i] + this.lengths[i]);
	}

	/** For a chunk read: the writer's signature covering the log up to {@link #end()}. */
	public byte[] signature() {
		return this.signature;
	}

	void ensureEntries(int n) {
		if (this.offsets.length < n) {
			int size = Math.max(n, this.offsets.length * 2);
			this.offsets = new int[size];
			this.lengths = new int[size];
			this.indexScratch = new byte[size * OffsetIndex.ENTRY];
			int leaves = Math.min(size, LEAF_PIECE);
			if (this.leafHashes.length < leaves * 32) {
				this.leafHashes = new byte[leaves * 32];
				this.treeScratch = new byte[TreeFile.scratchSize(leaves)];
			}
		}
	}

	void ensureData(int n) {
		if (this.data.length < n) {
			this.data = new byte[Math.max(n, this.data.length * 2)];
		}
	}
}
