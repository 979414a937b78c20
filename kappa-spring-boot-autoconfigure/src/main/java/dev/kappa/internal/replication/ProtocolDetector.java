package dev.kappa.internal.replication;

import java.util.List;
import java.util.function.Supplier;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the first byte of an accepted connection and sets up the raw or the WebSocket pipeline (a raw
 * session starts with the 2-byte length of the first handshake message, so {@code 0x00}; an HTTP request starts
 * with {@code G}); anything else is closed with one WARN line. HTTP connections are upgraded to WebSocket at the
 * configured path; other paths get 404.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

	private static final Logger logger = LoggerFactory.getLogger(ProtocolDetector.class);

	/** An upgrade request has no body; another request's body is refused above this (413). */
	private static final int MAX_UPGRADE_BODY = 1024;

	private final ReplicationOptions options;

	private final Supplier<Transport.Listener> sessions;

	/** @param sessions makes the session for a connection once its protocol is known */
	ProtocolDetector(ReplicationOptions options, Supplier<Transport.Listener> sessions) {
		this.options = options;
		this.sessions = sessions;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		if (!in.isReadable()) {
			return;
		}
		byte first = in.getByte(in.readerIndex());
		if (first == 0) {
			NettyTransport transport = new NettyTransport(this.sessions.get(), "tcp");
			ctx.pipeline().addLast("session", transport);
			transport.begin(ctx.channel());
			ctx.pipeline().remove(this); // hands the bytes read so far to the transport
		}
		else if (first == 'G') {
			WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
				.websocketPath(this.options.websocketPath())
				.maxFramePayloadLength(WebSocketBytes.MAX_INBOUND_FRAME)
				.handshakeTimeoutMillis(this.options.handshakeTimeout().toMillis())
				.build();
			ctx.pipeline()
				.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_UPGRADE_BODY),
						new WebSocketServerProtocolHandler(config), new NotFound(), new WebSocketBytes(),
						new NettyTransport(this.sessions.get(), "ws"));
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
