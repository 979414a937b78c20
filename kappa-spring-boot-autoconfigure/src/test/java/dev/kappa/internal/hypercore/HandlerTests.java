package dev.kappa.internal.hypercore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.crypto.EdNoiseHandshake;
import dev.kappa.internal.crypto.Ed25519;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline's handlers on EmbeddedChannels: framing in any chunking, secret-stream, keep-alives, protomux batches. */
class HandlerTests {

	/** Collects what reaches the end of a pipeline. */
	static final class Sink extends ChannelInboundHandlerAdapter {

		final List<byte[]> reads = new ArrayList<>();

		SecureSession session;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			this.reads.add(Uint24FrameDecoder.drain((ByteBuf) msg));
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
			if (evt instanceof SecureSession s) {
				this.session = s;
			}
		}
	}

	private static EmbeddedChannel side(boolean initiator, Sink sink) {
		EdNoiseHandshake noise = initiator
				? EdNoiseHandshake.initiator(Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate())
				: EdNoiseHandshake.responder(Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate());
		return new EmbeddedChannel(new Uint24FrameDecoder(),
				new SecretStreamHandler(noise, () -> new byte[24], Duration.ofSeconds(30)), sink);
	}

	/** Moves everything {@code from} wrote into {@code to}, one byte per read. */
	private static int shuttle(EmbeddedChannel from, EmbeddedChannel to) {
		int bytes = 0;
		for (ByteBuf out; (out = from.readOutbound()) != null;) {
			byte[] b = ByteBufUtil.getBytes(out);
			out.release();
			for (byte x : b) {
				to.writeInbound(Unpooled.wrappedBuffer(new byte[] { x }));
			}
			bytes += b.length;
		}
		return bytes;
	}

	@Test
	void secretStreamHandshakeRecordsAndKeepAlivesInOneByteChunks() {
		Sink a = new Sink();
		Sink b = new Sink();
		EmbeddedChannel initiator = side(true, a);
		EmbeddedChannel responder = side(false, b);
		while (shuttle(initiator, responder) + shuttle(responder, initiator) > 0) {
			// until both are quiet
		}
		assertThat(a.session).isNotNull();
		assertThat(b.session).isNotNull();
		assertThat(a.session.handshakeHash()).isEqualTo(b.session.handshakeHash());
		initiator.writeAndFlush(Unpooled.wrappedBuffer(new byte[] { 1, 2, 3 }));
		shuttle(initiator, responder);
		assertThat(b.reads).containsExactly(new byte[] { 1, 2, 3 });
		initiator.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
		assertThat(shuttle(initiator, responder)).as("an empty record: 3 + 17 bytes").isEqualTo(20);
		assertThat(b.reads).hasSize(1);
		responder.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
		assertThat(responder.isOpen()).isFalse();
	}

	@Test
	void protomuxDecodesBatchesAndRejectsUnknownCores() {
		byte[] key = new byte[32];
		key[0] = 5;
		List<String> events = new ArrayList<>();
		CoreHandler handler = new CoreHandler() {
			@Override
			public byte[] coreKey() {
				return key;
			}

			@Override
			public void opened(AlphaChannel channel) {
				events.add("opened " + channel.localId + "/" + channel.remoteId);
			}

			@Override
			public void message(AlphaChannel channel, int type, CompactReader body) {
				events.add("message " + type + " " + body.uint());
			}

			@Override
			public void closed(AlphaChannel channel) {
				events.add("closed");
			}
		};
		byte[] dk = Namespaces.discoveryKey(key);
		EmbeddedChannel ch = new EmbeddedChannel(new ProtomuxHandler(d -> java.util.Arrays.equals(d, dk) ? handler : null));
		byte[] hh = new byte[64];
		ch.pipeline().fireUserEventTriggered(new SecureSession(hh, new byte[32], false, "test"));
		CompactWriter open = new CompactWriter().uint(7).string(AlphaMessages.PROTOCOL).buffer(dk);
		new AlphaMessages.Handshake(1, Namespaces.capability(true, key, hh)).encode(open);
		byte[] openMessage = new CompactWriter().uint(1).raw(open.toByteArray()).toByteArray();
		byte[] sync = new byte[] { AlphaMessages.SYNC, 42 };
		// batch on channel 0: [open], switch to channel 7: [sync]
		CompactWriter batch = new CompactWriter().uint(0).uint(0).uint(0).buffer(openMessage).uint(0).uint(7).buffer(sync);
		ch.writeInbound(Unpooled.wrappedBuffer(batch.toByteArray()));
		assertThat(events).containsExactly("opened 1/7", "message 0 42");
		ByteBuf ours = ch.readOutbound();
		assertThat(ByteBufUtil.getBytes(ours, 0, 3)).containsExactly(0, 1, 1);
		ours.release();
		CompactWriter unknown = new CompactWriter().uint(0).uint(1).uint(8).string(AlphaMessages.PROTOCOL).buffer(new byte[32]);
		new AlphaMessages.Handshake(1, new byte[32]).encode(unknown);
		ch.writeInbound(Unpooled.wrappedBuffer(unknown.toByteArray()));
		ByteBuf reject = ch.readOutbound();
		assertThat(ByteBufUtil.getBytes(reject)).containsExactly(0, 2, 8);
		reject.release();
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0, 3, 7 }));
		assertThat(events).endsWith("closed");
	}
}
