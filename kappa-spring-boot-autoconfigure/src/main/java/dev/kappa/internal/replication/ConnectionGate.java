package dev.kappa.internal.replication;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caps on the server's concurrent connections, in all and per remote address. A connection over a cap is
 * closed as soon as it is accepted, before anything is read or allocated for it, and counted; one WARN line
 * per second at most says how many were refused, so a flood does not flood the log too.
 */
final class ConnectionGate {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionGate.class);


	private final int maxConnections;

	private final int maxPerAddress;

	private final AtomicInteger open = new AtomicInteger();

	private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	private final AtomicLong refused = new AtomicLong();


	private final LogThrottle refusals = new LogThrottle();

	ConnectionGate(int maxConnections, int maxPerAddress) {
		this.maxConnections = maxConnections;
		this.maxPerAddress = maxPerAddress;
	}

	/** Admits {@code ch} (released when it closes) or closes it at once; returns whether it was admitted. */
	boolean admit(Channel ch) {
		InetAddress address = ch.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
		if (this.open.incrementAndGet() > this.maxConnections) {
			release(null);
			refuse(ch, "the server holds " + this.maxConnections + " connections (kappa.replication.max-connections)");
			return false;
		}
		if (address != null && this.perAddress.merge(address, 1, Integer::sum) > this.maxPerAddress) {
			release(address);
			refuse(ch, "its address holds " + this.maxPerAddress
					+ " connections (kappa.replication.max-connections-per-address)");
			return false;
		}
		ch.closeFuture().addListener(f -> release(address));
		return true;
	}

	private void release(InetAddress address) {
		this.open.decrementAndGet();
		if (address != null) {
			this.perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
		}
	}

	private void refuse(Channel ch, String why) {
		this.refused.incrementAndGet();
		ch.close();
		long unlogged = this.refusals.event();
		if (unlogged > 0) {
			logger.warn("Replication connection from {} refused: {} ({} refused since the last such line, {} in all)",
					NettyTransport.address(ch), why, unlogged, this.refused.get());
		}
	}

	/** Connections refused since the server started. */
	long refused() {
		return this.refused.get();
	}

	/** Connections held now. */
	int open() {
		return this.open.get();
	}
}
