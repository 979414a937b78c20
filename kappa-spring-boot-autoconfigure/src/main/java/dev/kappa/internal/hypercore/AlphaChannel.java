package dev.kappa.internal.hypercore;

import java.util.HexFormat;

/**
 * One protomux channel of the {@code hypercore/alpha} protocol on a connection: our channel id, the peer's
 * (once its open arrived), the core's discovery key and the handler that owns it.
 */
final class AlphaChannel {

	final long localId;

	long remoteId = -1;

	final byte[] discoveryKey;

	final CoreHandler handler;

	private final ProtomuxHandler mux;

	boolean closed;

	AlphaChannel(ProtomuxHandler mux, long localId, byte[] discoveryKey, CoreHandler handler) {
		this.mux = mux;
		this.localId = localId;
		this.discoveryKey = discoveryKey;
		this.handler = handler;
	}

	/** Sends one message of {@code type} with {@code body} on this channel (flushed at the end of the read, or now). */
	void send(int type, CompactWriter body) {
		if (!this.closed) {
			this.mux.send(this.localId, type, body);
		}
	}

	/** Closes this channel (sends protomux {@code close}); the connection stays. */
	void close() {
		this.mux.closeChannel(this);
	}

	/** Closes the whole connection, for a peer that broke the protocol on this channel. */
	void fail(String reason) {
		this.mux.fail(reason + " (core " + HexFormat.of().formatHex(this.discoveryKey).substring(0, 16) + "... discovery key)");
	}

	/** Runs {@code task} on the connection's event loop (for calls from other threads), then flushes. */
	void execute(Runnable task) {
		this.mux.execute(task);
	}

	String peer() {
		return this.mux.peer();
	}
}
