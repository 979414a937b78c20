package dev.kappa.internal.log;

/**
 * The latest signed state of a log ({@link SignedLog#head()}).
 *
 * @param length entries covered
 * @param fork the fork id (always 0: logs are never truncated)
 * @param treeHash the Merkle tree hash at {@code length}
 * @param signature the writer's signature over it ({@code null} for an empty log)
 */
public record LogHead(long length, long fork, byte[] treeHash, byte[] signature) {
}
