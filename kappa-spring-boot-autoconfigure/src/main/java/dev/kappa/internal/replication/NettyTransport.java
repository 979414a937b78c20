package dev.kappa.internal.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A session's {@link Transport} over a Netty channel, raw TCP or WebSocket (under {@link WebSocketBytes}
 * either way it sees bytes). The last handler of the pipeline: it copies inbound bytes out of each
 * {@link ByteBuf}, releases the buffer at once and hands the copy to the session; it never runs session work
 * on the event loop. Inbound flow control is the channel's auto-read, outbound the channel's writability.
 */
final class NettyTransport extends ChannelInboundHandlerAdapter implements Transport {

	private final Transport.Listener session;

	private final String scheme;

	private volatile Channel channel;

	private volatile String peer;

	NettyTransport(Transport.Listener session, String scheme) {
		this.session = session;
		this.scheme = scheme;
	}

	/** Starts the session: the connection (and for WebSocket its upgrade) is complete. Event loop only. */
	void begin(Channel ch) {
		if (this.channel == null) {
			this.channel = ch;
			this.peer = this.scheme + "://" + address(ch);
			this.session.start(this);
		}
	}

	static String address(Channel ch) {
		Object remote = ch.remoteAddress();
		if (remote instanceof java.net.InetSocketAddress a) {
			return (a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString()) + ":" + a.getPort();
		}
		return String.valueOf(remote);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
				|| evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
			begin(ctx.channel());
		}
		else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
			this.session.connectFailed(this.scheme + "://" + address(ctx.channel()),
					new ReplicationException("the WebSocket upgrade timed out"));
			ctx.close();
		}
		super.userEventTriggered(ctx, evt);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof ByteBuf buf) {
				// Bytes can only follow a completed connection (and upgrade), even if its event is still due.
				begin(ctx.channel());
				if (buf.isReadable()) {
					this.session.received(ByteBufUtil.getBytes(buf));
				}
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (ctx.channel().isWritable()) {
			this.session.writable();
		}
		super.channelWritabilityChanged(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (this.channel != null) {
			this.session.closed(null);
		}
		else {
			this.session.connectFailed(this.scheme + "://" + address(ctx.channel()),
					new ReplicationException("the connection closed before the session started"));
		}
		super.channelInactive(ctx);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (this.channel != null) {
			this.session.closed(cause);
		}
		else {
			this.session.connectFailed(this.scheme + "://" + address(ctx.channel()), cause);
		}
		ctx.close();
	}

	// ------------------------------------------------------------------ Transport

	@Override
	public void write(byte[] bytes) {
		this.channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), this.channel.voidPromise());
	}

	@Override
	public boolean isWritable() {
		return this.channel.isWritable();
	}

	@Override
	public void setReading(boolean reading) {
		this.channel.config().setAutoRead(reading);
	}

	@Override
	public void close() {
		Channel ch = this.channel;
		if (ch != null) {
			ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void authenticated() {
		PreAuthGuard.authenticated(this.channel);
	}

	@Override
	public String peer() {
		return this.peer;
	}
}
