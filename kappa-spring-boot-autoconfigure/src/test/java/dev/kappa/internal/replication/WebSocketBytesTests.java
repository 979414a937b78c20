package dev.kappa.internal.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WebSocket byte adapter on an {@link EmbeddedChannel}: frames in, bytes out, and back. */
class WebSocketBytesTests {

	@Test
	void binaryAndContinuationFramesPassOnAsTheirPayload() {
		EmbeddedChannel ch = new EmbeddedChannel(new WebSocketBytes());
		ch.writeInbound(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] { 1, 2 })));
		ch.writeInbound(new ContinuationWebSocketFrame(Unpooled.wrappedBuffer(new byte[] { 3 })));
		ByteBuf first = ch.readInbound();
		ByteBuf second = ch.readInbound();
		assertThat(bytes(first)).containsExactly(1, 2);
		assertThat(bytes(second)).containsExactly(3);
		assertThat(ch.finish()).isFalse();
	}

	@Test
	void aTextFrameIsAProtocolViolationAndIsReleased() {
		EmbeddedChannel ch = new EmbeddedChannel(new WebSocketBytes());
		TextWebSocketFrame text = new TextWebSocketFrame("hello");
		assertThatThrownBy(() -> ch.writeInbound(text)).isInstanceOf(ReplicationException.class)
			.hasMessage("the peer sent a non-binary WebSocket frame");
		assertThat(text.refCnt()).isZero();
		assertThat(ch.<Object>readInbound()).isNull();
	}

	@Test
	void outgoingBytesLeaveAsBinaryFramesOfAtMost64KiB() {
		EmbeddedChannel ch = new EmbeddedChannel(new WebSocketBytes());
		byte[] big = new byte[2 * WebSocketBytes.MAX_FRAME + 10];
		for (int i = 0; i < big.length; i++) {
			big[i] = (byte) i;
		}
		ByteBuf buf = Unpooled.wrappedBuffer(big);
		assertThat(ch.writeOutbound(buf)).isTrue();
		int[] sizes = new int[3];
		ByteBuf joined = Unpooled.buffer();
		for (int i = 0; i < 3; i++) {
			BinaryWebSocketFrame frame = ch.readOutbound();
			sizes[i] = frame.content().readableBytes();
			joined.writeBytes(frame.content());
			frame.release();
		}
		assertThat(ch.<Object>readOutbound()).isNull();
		assertThat(buf.refCnt()).as("the frames were slices of the buffer, released with them").isZero();
		assertThat(sizes).containsExactly(WebSocketBytes.MAX_FRAME, WebSocketBytes.MAX_FRAME, 10);
		assertThat(bytes(joined)).isEqualTo(big);
	}

	@Test
	void aSmallBufferIsOneFrameAndAnEmptyOnePassesAsIs() {
		EmbeddedChannel ch = new EmbeddedChannel(new WebSocketBytes());
		ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] { 9, 8 }), Unpooled.EMPTY_BUFFER);
		BinaryWebSocketFrame frame = ch.readOutbound();
		assertThat(bytes(frame.content())).containsExactly(9, 8);
		ByteBuf empty = ch.readOutbound();
		assertThat(empty.isReadable()).isFalse();
		assertThat(ch.<Object>readOutbound()).isNull();
	}

	private static byte[] bytes(ByteBuf b) {
		byte[] out = new byte[b.readableBytes()];
		b.readBytes(out);
		b.release();
		return out;
	}
}
