package dev.kappa.internal.replication;

import java.net.URI;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;

/** Connects a session to {@code tcp://host:port} or {@code ws://host:port/path}. */
final class Dialer {

	private Dialer() {
	}

	/**
	 * Checks that {@code uri} is a peer address this node can dial.
	 * @throws IllegalArgumentException naming the address and the expected forms
	 */
	static URI check(URI uri) {
		String scheme = uri == null ? null : uri.getScheme();
		if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ws")) || uri.getHost() == null
				|| uri.getPort() < 0) {
			throw new IllegalArgumentException("A replication peer is tcp://host:port or ws://host:port/path, got '"
					+ uri + "'");
		}
		return uri;
	}

	/** Connects and starts {@code session} as the initiator once the connection (and upgrade) is up. */
	static void connect(EventLoopGroup group, Node node, URI uri, Session session) {
		check(uri);
		boolean ws = uri.getScheme().equals("ws");
		NettyTransport transport = new NettyTransport(session, uri.getScheme());
		Bootstrap bootstrap = new Bootstrap().group(group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, ReplicationServer.WATER_MARK)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) node.options.handshakeTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					if (ws) {
						String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? node.options.websocketPath()
								: uri.getRawPath();
						WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
							.webSocketUri(URI.create("ws://" + uri.getHost() + ":" + uri.getPort() + path))
							.maxFramePayloadLength(WebSocketBytes.MAX_INBOUND_FRAME)
							.handshakeTimeoutMillis(node.options.handshakeTimeout().toMillis())
							.build();
						ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
								new WebSocketClientProtocolHandler(config), new WebSocketBytes());
					}
					ch.pipeline().addLast("session", transport);
				}
			});
		ChannelFuture connect = bootstrap.connect(uri.getHost(), uri.getPort());
		connect.addListener(f -> {
			Channel ch = connect.channel();
			if (!f.isSuccess()) {
				session.connectFailed(uri.toString(), f.cause());
			}
			else if (!ws) {
				transport.begin(ch);
			}
		});
	}
}
