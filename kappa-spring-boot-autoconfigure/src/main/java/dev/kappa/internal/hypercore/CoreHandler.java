package dev.kappa.internal.hypercore;

/**
 * What one side does on one {@code hypercore/alpha} channel (serving a local log, or following a remote core).
 * Called on the connection's event loop.
 */
interface CoreHandler {

	/** The core key the channel is for (32 bytes): capabilities are computed over it. */
	byte[] coreKey();

	/** Both sides' opens are exchanged and the peer's capability checked. */
	void opened(AlphaChannel channel);

	/** A message on the channel; {@code body} starts after the type. */
	void message(AlphaChannel channel, int type, CompactReader body);

	/** The channel is closed (by either side, or with the connection). */
	void closed(AlphaChannel channel);

	/** Finds the handler for the cores a connection may open. */
	interface Directory {

		/** A handler for the core with this discovery key, or null to reject the peer's open. */
		CoreHandler open(byte[] discoveryKey);

		/** A connection's secure session is up: channels may be opened from our side. */
		default void connected(ProtomuxHandler mux) {
		}

		/** The connection is gone. */
		default void disconnected(ProtomuxHandler mux) {
		}
	}
}
