package dev.kappa.internal.log;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A node of a log's Merkle tree: its flat-tree index, the byte size of the entries under it, and its hash.
 * <p>
 * Internal: exchanged by the replication package, not part of the API.
 */
public record TreeNode(long index, long size, byte[] hash) {

	@Override
	public boolean equals(Object other) {
		return other instanceof TreeNode node && node.index == this.index && node.size == this.size
				&& Arrays.equals(node.hash, this.hash);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.index) * 31 + Arrays.hashCode(this.hash);
	}

	@Override
	public String toString() {
		return "TreeNode[index=" + this.index + ", size=" + this.size + ", hash="
				+ HexFormat.of().formatHex(this.hash) + "]";
	}
}
