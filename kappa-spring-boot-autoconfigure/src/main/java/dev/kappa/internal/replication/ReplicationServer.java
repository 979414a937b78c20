package dev.kappa.internal.replication;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * One Netty server on one port for raw TCP and WebSocket: the first byte of a connection tells them apart
 * ({@link ProtocolDetector}). Raw connections go straight to a session; HTTP connections are upgraded to
 * WebSocket at the configured path (other paths get 404) and then carry the same bytes in binary frames.
 * Every connection passes the {@link ConnectionGate} (the caps) and stays under a {@link PreAuthGuard} (one
 * timeout, a few KiB) until its session has authenticated the peer.
 */
final class ReplicationServer {

	static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 << 20);

	private final Node node;

	private final ChannelGroup channels = new DefaultChannelGroup("kappa-replication", GlobalEventExecutor.INSTANCE);

	/** One WARN line per second at most for connections closed before they authenticated. */
	private final LogThrottle preAuthTimeouts = new LogThrottle();

	private final ConnectionGate gate;

	private Channel serverChannel;

	ReplicationServer(Node node) {
		this.node = node;
		this.gate = new ConnectionGate(node.options.maxConnections(), node.options.maxConnectionsPerAddress());
	}

	/** Connections held now (for tests). */
	int openConnections() {
		return this.gate.open();
	}

	/** Connections refused at a cap since this server was created. */
	long refusedConnections() {
		return this.gate.refused();
	}

	/** Binds and returns the port bound. */
	int bind(EventLoopGroup group, String address, int port) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(group)
			.channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					if (!ReplicationServer.this.gate.admit(ch)) {
						return;
					}
					ReplicationServer.this.channels.add(ch);
					long timeout = ReplicationServer.this.node.options.handshakeTimeout().toMillis();
					ch.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(timeout, ReplicationServer.this.preAuthTimeouts));
					Node node = ReplicationServer.this.node;
					ch.pipeline().addLast("detect", new ProtocolDetector(node.options, () -> new Session(node, false, true)));
				}
			});
		try {
			this.serverChannel = bootstrap.bind(new InetSocketAddress(address, port)).syncUninterruptibly().channel();
		}
		catch (Exception ex) { // Netty rethrows the checked BindException unchecked
			throw new ReplicationException("Cannot listen for replication on " + address + ":" + port + ": "
					+ Session.describe(ex), ex);
		}
		return ((InetSocketAddress) this.serverChannel.localAddress()).getPort();
	}

	/** Stops accepting and closes every connection. */
	void close() {
		if (this.serverChannel != null) {
			this.serverChannel.close().syncUninterruptibly();
		}
		this.channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
	}
}
