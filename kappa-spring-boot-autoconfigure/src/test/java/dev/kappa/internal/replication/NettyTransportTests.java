package dev.kappa.internal.replication;

import java.io.IOException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's transport over a Netty channel, on an {@link EmbeddedChannel}: bytes in and out, inbound flow
 * control through auto-read, outbound through writability, and the end of the connection.
 */
class NettyTransportTests {

	private final RecordingListener session = new RecordingListener();

	private final NettyTransport transport = new NettyTransport(this.session, "tcp");

	private EmbeddedChannel begun() {
		EmbeddedChannel ch = new EmbeddedChannel(this.transport);
		this.transport.begin(ch);
		return ch;
	}

	@Test
	void inboundBytesAreCopiedToTheSessionAndTheBufferReleased() {
		EmbeddedChannel ch = new EmbeddedChannel(this.transport);
		ByteBuf buf = Unpooled.wrappedBuffer(new byte[] { 5, 6, 7 });
		ch.writeInbound(buf);
		assertThat(this.session.transport).as("bytes start the session if its event is still due").isSameAs(this.transport);
		assertThat(this.session.received.toByteArray()).containsExactly(5, 6, 7);
		assertThat(buf.refCnt()).isZero();
		assertThat(ch.<Object>readInbound()).as("the last handler").isNull();
	}

	@Test
	void writesAreFlushedToThePeer() {
		EmbeddedChannel ch = begun();
		this.transport.write(new byte[] { 1, 2, 3 });
		ByteBuf out = ch.readOutbound();
		assertThat(ByteBufBytes.of(out)).containsExactly(1, 2, 3);
	}

	@Test
	void setReadingTogglesTheChannelsAutoRead() {
		EmbeddedChannel ch = begun();
		assertThat(ch.config().isAutoRead()).isTrue();
		this.transport.setReading(false);
		assertThat(ch.config().isAutoRead()).isFalse();
		this.transport.setReading(true);
		assertThat(ch.config().isAutoRead()).isTrue();
	}

	@Test
	void writabilityFollowsTheOutboundBufferAndItsReturnTellsTheSession() {
		EmbeddedChannel ch = begun();
		ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(16, 64));
		assertThat(this.transport.isWritable()).isTrue();
		ch.write(Unpooled.wrappedBuffer(new byte[100])); // queued, not flushed: above the high-water mark
		assertThat(this.transport.isWritable()).isFalse();
		assertThat(this.session.writable).isZero();
		ch.flush();
		assertThat(this.transport.isWritable()).isTrue();
		assertThat(this.session.writable).isEqualTo(1);
		ch.finishAndReleaseAll();
	}

	@Test
	void theEndOfTheConnectionClosesTheSession() {
		EmbeddedChannel ch = begun();
		ch.close();
		assertThat(this.session.closedCleanly).isTrue();
		assertThat(this.session.connectFailed).isNull();
	}

	@Test
	void aFailureClosesTheSessionWithItsCauseAndTheChannel() {
		EmbeddedChannel ch = begun();
		ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
		assertThat(this.session.closed).singleElement().satisfies(t -> assertThat(t).hasMessage("connection reset"));
		assertThat(ch.isOpen()).isFalse();
	}

	@Test
	void aConnectionThatClosesBeforeItsSessionStartedFailsTheConnect() {
		EmbeddedChannel ch = new EmbeddedChannel(this.transport);
		ch.close();
		assertThat(this.session.transport).isNull();
		assertThat(this.session.connectFailed).contains("the connection closed before the session started");
		assertThat(this.session.closedCleanly).isFalse();
	}

	/** Reads and releases a buffer. */
	static final class ByteBufBytes {

		static byte[] of(ByteBuf b) {
			byte[] out = new byte[b.readableBytes()];
			b.readBytes(out);
			b.release();
			return out;
		}
	}
}
