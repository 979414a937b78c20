package dev.kappa.internal.replication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import dev.kappa.internal.replication.ReplicationTesting.WarnCapture;

import static org.assertj.core.api.Assertions.assertThat;

/** The first byte of a connection picks its pipeline, on an {@link io.netty.channel.embedded.EmbeddedChannel}. */
class ProtocolDetectorTests {

	private final ReplicationOptions options = ReplicationTesting.options(Path.of("unused"), NetworkKey.generate());

	private final RecordingListener session = new RecordingListener();

	private EmbeddedChannel channel() {
		return new EmbeddedChannel(new ProtocolDetector(this.options, () -> this.session));
	}

	@Test
	void aZeroByteStartsARawSessionThatGetsEveryByteReadSoFar() {
		EmbeddedChannel ch = channel();
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0, 32, 1, 2, 3 }));
		assertThat(ch.pipeline().get(ProtocolDetector.class)).isNull();
		assertThat(ch.pipeline().get(NettyTransport.class)).isNotNull();
		assertThat(this.session.transport).isNotNull();
		assertThat(this.session.transport.peer()).startsWith("tcp://");
		assertThat(this.session.received.toByteArray()).containsExactly(0, 32, 1, 2, 3);
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { 4 }));
		assertThat(this.session.received.toByteArray()).containsExactly(0, 32, 1, 2, 3, 4);
		assertThat(ch.isActive()).isTrue();
		ch.finishAndReleaseAll();
	}

	@Test
	void aGStartsAnHttpPipelineThatUpgradesTheWebSocketPath() {
		EmbeddedChannel ch = channel();
		ch.writeInbound(ascii("GET " + this.options.websocketPath() + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
		assertThat(ch.pipeline().get(ProtocolDetector.class)).isNull();
		assertThat(ch.pipeline().get(WebSocketServerProtocolHandler.class)).isNotNull();
		assertThat(response(ch)).startsWith("HTTP/1.1 101 Switching Protocols")
			.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
		assertThat(this.session.transport).as("the session starts once the upgrade completed").isNotNull();
		assertThat(this.session.transport.peer()).startsWith("ws://");
		assertThat(ch.pipeline().get(HttpServerCodec.class)).as("HTTP is done after the upgrade").isNull();
		ch.finishAndReleaseAll();
	}

	@Test
	void anHttpRequestForAnotherPathGets404AndIsClosed() {
		EmbeddedChannel ch = channel();
		ch.writeInbound(ascii("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n"));
		assertThat(response(ch)).startsWith("HTTP/1.1 404 Not Found");
		assertThat(ch.isOpen()).isFalse();
		assertThat(this.session.transport).isNull();
		ch.finishAndReleaseAll();
	}

	@Test
	void anyOtherFirstByteClosesTheConnectionWithOneWarning() {
		try (WarnCapture warnings = new WarnCapture()) {
			EmbeddedChannel ch = channel();
			ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { 0x16, 3, 1 }));
			assertThat(ch.isOpen()).isFalse();
			assertThat(this.session.transport).isNull();
			assertThat(ch.<Object>readInbound()).isNull();
			List<String> lines = warnings.warnings();
			assertThat(lines).singleElement().asString()
				.contains("neither a kappa replication session nor an HTTP request (first byte 0x16)");
			ch.finishAndReleaseAll();
		}
	}

	private static ByteBuf ascii(String s) {
		return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
	}

	/** What the channel wrote, as text. */
	private static String response(EmbeddedChannel ch) {
		StringBuilder s = new StringBuilder();
		for (Object o; (o = ch.readOutbound()) != null;) {
			if (o instanceof ByteBuf b) {
				s.append(b.toString(StandardCharsets.US_ASCII));
			}
			ReferenceCountUtil.release(o);
		}
		return s.toString();
	}
}
