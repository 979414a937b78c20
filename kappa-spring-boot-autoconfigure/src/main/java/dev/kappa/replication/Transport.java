package dev.kappa.replication;

/**
 * A session's connection to its peer, whatever carries the bytes (a Netty channel, raw TCP or WebSocket, or a
 * pair of blocking streams). The session calls these from its own executor; none of them blocks. The
 * transport in turn calls {@link Session#received}, {@link Session#writable()} and {@link Session#closed}.
 */
interface Transport {

	/** Queues bytes for the peer (ownership passes to the transport). */
	void write(byte[] bytes);

	/** Whether queued outgoing bytes are below the high-water mark (bounding what a session keeps in flight). */
	boolean isWritable();

	/** Stops or resumes reading from the peer (inbound flow control). */
	void setReading(boolean reading);

	/** Sends what is queued, then closes. */
	void close();

	/** The Noise handshake authenticated the peer: the transport may lift its limits for unknown peers. */
	default void authenticated() {
	}

	/** How the peer is named in log lines: its address, or "stream". */
	String peer();
}
