package dev.kappa.internal.replication;

/**
 * A session's connection to its peer, whatever carries the bytes (a Netty channel, raw TCP or WebSocket, or a
 * pair of blocking streams). The session calls these from its own executor; none of them blocks. The
 * transport in turn tells its {@link Listener} (the session) what happens.
 */
interface Transport {

	/** What a transport tells its session; called on the transport's threads, none of these blocks. */
	interface Listener {

		/** The connection is up; called before the transport delivers any bytes. */
		void start(Transport transport);

		/** The connection could not be made; {@link #start} was never called. */
		void connectFailed(String peer, Throwable cause);

		/** Bytes from the peer (ownership passes to the listener). */
		void received(byte[] bytes);

		/** The transport drained below its low-water mark. */
		void writable();

		/** The connection closed ({@code cause} null for an orderly end of stream). */
		void closed(Throwable cause);
	}

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
