package dev.kappa.internal.replication;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.PromiseCombiner;

/**
 * Carries the replication byte stream in binary WebSocket frames: inbound frame payloads pass on as plain
 * {@link ByteBuf}s (message boundaries mean nothing), outbound buffers leave as binary frames of at most
 * {@value #MAX_FRAME} bytes. A text frame is a protocol violation and closes the connection.
 */
final class WebSocketBytes extends ChannelDuplexHandler {

	static final int MAX_FRAME = 64 * 1024;

	/** What a peer's frame may carry; more than we send, as other implementations may frame differently. */
	static final int MAX_INBOUND_FRAME = 1 << 20;

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
			ctx.fireChannelRead(((WebSocketFrame) msg).content());
		}
		else if (msg instanceof WebSocketFrame) {
			ReferenceCountUtil.release(msg);
			ctx.fireExceptionCaught(new ReplicationException("the peer sent a non-binary WebSocket frame"));
		}
		else {
			ctx.fireChannelRead(msg);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (!(msg instanceof ByteBuf buf)) {
			ctx.write(msg, promise);
			return;
		}
		if (buf.readableBytes() <= MAX_FRAME) {
			if (buf.isReadable()) {
				ctx.write(new BinaryWebSocketFrame(buf), promise);
			}
			else {
				ctx.write(buf, promise);
			}
			return;
		}
		PromiseCombiner combiner = promise.isVoid() ? null : new PromiseCombiner(ctx.executor());
		try {
			while (buf.isReadable()) {
				BinaryWebSocketFrame frame = new BinaryWebSocketFrame(buf.readRetainedSlice(Math.min(MAX_FRAME, buf.readableBytes())));
				if (combiner == null) {
					ctx.write(frame, ctx.voidPromise());
				}
				else {
					combiner.add(ctx.write(frame));
				}
			}
		}
		finally {
			buf.release();
		}
		if (combiner != null) {
			combiner.finish(promise);
		}
	}
}
