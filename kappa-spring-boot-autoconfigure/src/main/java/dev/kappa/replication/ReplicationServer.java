package dev.kappa.replication;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Netty server on one port for raw TCP and WebSocket: the first byte of a connection tells them apart
 * (a raw session starts with the 2-byte length of the first handshake message, so {@code 0x00}; an HTTP
 * request starts with {@code G}). Raw connections go straight to a session; HTTP connections are upgraded to
 * WebSocket at the configured path (other paths get 404) and then carry the same bytes in binary frames.
 * Every connection passes the {@link ConnectionGate} (the caps) and stays under a {@link PreAuthGuard} (one
 * timeout, a few KiB) until its session has authenticated the peer.
 */
final class ReplicationServer {

	private static final Logger logger = LoggerFactory.getLogger(ReplicationServer.class);

	/** An upgrade request has no body; another request's body is refused above this (413). */
	private static final int MAX_UPGRADE_BODY = 1024;

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
					ch.pipeline().addLast("detect", new ProtocolDetector());
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

	/** Looks at the first byte and sets up the raw or the WebSocket pipeline. */
	private final class ProtocolDetector extends ByteToMessageDecoder {

		@Override
		protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
			if (!in.isReadable()) {
				return;
			}
			byte first = in.getByte(in.readerIndex());
			Node node = ReplicationServer.this.node;
			Session session = new Session(node, false, true);
			if (first == 0) {
				NettyTransport transport = new NettyTransport(session, "tcp");
				ctx.pipeline().addLast("session", transport);
				transport.begin(ctx.channel());
				ctx.pipeline().remove(this); // hands the bytes read so far to the transport
			}
			else if (first == 'G') {
				WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
					.websocketPath(node.options.websocketPath())
					.maxFramePayloadLength(WebSocketBytes.MAX_INBOUND_FRAME)
					.handshakeTimeoutMillis(node.options.handshakeTimeout().toMillis())
					.build();
				ctx.pipeline()
					.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_UPGRADE_BODY),
							new WebSocketServerProtocolHandler(config), new NotFound(), new WebSocketBytes(),
							new NettyTransport(session, "ws"));
				ctx.pipeline().remove(this);
			}
			else {
				logger.warn("Replication connection from {} closed: it is neither a kappa replication session nor an"
						+ " HTTP request (first byte 0x{})", NettyTransport.address(ctx.channel()),
						Integer.toHexString(first & 0xff));
				in.skipBytes(in.readableBytes());
				ctx.close();
			}
		}
	}

	/** Answers HTTP requests for any other path than the WebSocket endpoint. */
	private static final class NotFound extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
			DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
					HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
	}
}
