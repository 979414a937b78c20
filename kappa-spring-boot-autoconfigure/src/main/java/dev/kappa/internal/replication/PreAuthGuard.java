package dev.kappa.internal.replication;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every accepted connection until the Noise handshake has authenticated the peer
 * (docs/protocol.md, "Limits"): one timeout from accept to authenticated session on every path (raw TCP, the
 * HTTP upgrade, partial requests, trickled headers), reads of at most {@value #READ_BUFFER} bytes, and no
 * more than {@value #BUDGET} bytes read before authentication; above that, reading pauses until the session
 * is authenticated, so what a connection can make the decoders behind it hold stays a few KiB. Removed by
 * {@link #authenticated}, which restores the normal read buffer sizing.
 */
final class PreAuthGuard extends ChannelInboundHandlerAdapter {

	static final String NAME = "pre-auth";

	/** Bytes an unauthenticated peer may send before reading pauses (an HTTP upgrade and the handshake fit). */
	static final int BUDGET = 8 * 1024;

	static final int READ_BUFFER = 2048;

	private static final Logger logger = LoggerFactory.getLogger(PreAuthGuard.class);

	private final long timeoutMillis;

	private final LogThrottle timeouts;

	private ScheduledFuture<?> timeout;

	private long received;

	/** @param timeouts the server's throttle of timeout lines, shared by its connections */
	PreAuthGuard(long timeoutMillis, LogThrottle timeouts) {
		this.timeoutMillis = timeoutMillis;
		this.timeouts = timeouts;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		ctx.channel().config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(READ_BUFFER));
		this.timeout = ctx.executor().schedule(() -> {
			ctx.close();
			long unlogged = this.timeouts.event();
			if (unlogged > 0) {
				logger.warn("Replication connection from {} closed: not authenticated within {} ms ({} bytes received;"
						+ " {} such connections closed since the last such line)", NettyTransport.address(ctx.channel()),
						this.timeoutMillis, this.received, unlogged);
			}
		}, this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		this.timeout.cancel(false);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof ByteBuf buf) {
			this.received += buf.readableBytes();
			if (this.received >= BUDGET) {
				ctx.channel().config().setAutoRead(false);
			}
		}
		ctx.fireChannelRead(msg);
	}

	/** The session authenticated its peer: lifts the limits. Safe from any thread. */
	static void authenticated(io.netty.channel.Channel ch) {
		ch.eventLoop().execute(() -> {
			if (ch.pipeline().get(NAME) != null) {
				ch.pipeline().remove(NAME);
				ch.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator());
				ch.config().setAutoRead(true);
			}
		});
	}
}
