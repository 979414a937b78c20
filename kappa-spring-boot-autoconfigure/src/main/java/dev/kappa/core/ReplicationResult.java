package dev.kappa.core;

/**
 * What one replication session exchanged.
 *
 * @param peer a description of the remote end (address, or "stream")
 * @param logsReceived logs this side learned about
 * @param entriesReceived entries this side received, verified and stored
 * @param entriesSent entries this side sent
 * @param bytesReceived bytes received on the wire (encrypted frames)
 * @param bytesSent bytes sent on the wire (encrypted frames)
 */
public record ReplicationResult(String peer, int logsReceived, long entriesReceived, long entriesSent,
		long bytesReceived, long bytesSent) {
}
