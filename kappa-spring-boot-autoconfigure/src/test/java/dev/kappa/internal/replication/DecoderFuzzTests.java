package dev.kappa.internal.replication;

import java.util.List;
import java.util.Random;

import dev.kappa.internal.crypto.X25519KeyPair;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.kappa.internal.replication.ReplicationTesting.append;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of what a peer controls: the message decoders, the Noise record layer and the WebSocket
 * adapter. Each case either decodes or fails with the documented exception; nothing else escapes. The seed
 * is in the test name; {@code -Dkappa.fuzz.cases=N} runs N cases each (docs/testing.md).
 */
class DecoderFuzzTests {

	static final int CASES = Integer.getInteger("kappa.fuzz.cases", 3000);

	@TempDir
	java.nio.file.Path dir;

	/** Valid messages of every type, to mutate. */
	private List<byte[]> corpus() {
		try (LogStore store = LogStore.open(this.dir.resolve("corpus"), LogOptions.defaults())) {
			SignedLog log = store.writer("w");
			append(log, 0, 20, 7);
			LogHead h = log.head();
			EntryBatch chunk = log.readChunk(0, 1 << 20, new EntryBatch());
			List<java.util.function.Consumer<Output>> builders = List.of(o -> Messages.hello(o, true),
					o -> Messages.have(o, List.of(new Messages.Head(log.key(), h.length(), h.fork(), h.treeHash(), h.signature()))),
					o -> Messages.want(o, log.key(), 3), o -> Messages.credit(o, 1 << 20),
					o -> Messages.data(o, log.key(), chunk, 0, log.rootsAt(0)), o -> Messages.error(o, "bad"),
					o -> Messages.empty(o, Messages.DONE));
			return builders.stream().map(b -> {
				Output o = new Output(64);
				b.accept(o);
				return java.util.Arrays.copyOfRange(o.buffer(), 4, o.size()); // type and body
			}).toList();
		}
	}

	static byte[] mutate(Random random, byte[] valid) {
		byte[] b = valid.clone();
		switch (random.nextInt(4)) {
			case 0 -> {
				for (int i = random.nextInt(4) + 1; i > 0 && b.length > 0; i--) {
					b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
				}
			}
			case 1 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
			case 2 -> {
				b = java.util.Arrays.copyOf(b, b.length + random.nextInt(16) + 1);
				for (int i = valid.length; i < b.length; i++) {
					b[i] = (byte) random.nextInt();
				}
			}
			default -> {
				b = new byte[random.nextInt(200)];
				random.nextBytes(b);
			}
		}
		return b;
	}

	@Test
	void messageDecodersSeed1() {
		Random random = new Random(1);
		List<byte[]> corpus = corpus();
		int decoded = 0;
		for (int n = 0; n < CASES; n++) {
			byte[] m = mutate(random, corpus.get(random.nextInt(corpus.size())));
			if (m.length == 0) {
				continue;
			}
			Input in = new Input(m, 1, m.length - 1, Messages.name(m[0] & 0xff));
			try {
				switch (m[0] & 0xff) {
					case Messages.HELLO -> Messages.hello(in);
					case Messages.HAVE -> Messages.have(in);
					case Messages.WANT -> Messages.want(in);
					case Messages.DATA -> Messages.data(in);
					case Messages.CREDIT -> Messages.credit(in);
					case Messages.ERROR -> Messages.error(in);
					default -> in.done();
				}
				decoded++;
			}
			catch (ProtocolException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
		}
		assertThat(decoded).as("some mutations still decode").isPositive();
	}

	@Test
	void noiseRecordsSeed2() {
		Random random = new Random(2);
		byte[] networkKey = NetworkKey.generate().bytes();
		X25519KeyPair server = X25519KeyPair.generate();
		// A valid first handshake record from an initiator, to mutate.
		java.util.List<byte[]> first = new java.util.ArrayList<>();
		new SecureChannel(true, X25519KeyPair.generate(), networkKey, 8 << 20, first::add, receiver()).start();
		for (int n = 0; n < CASES; n++) {
			SecureChannel responder = new SecureChannel(false, server, networkKey, 8 << 20, b -> { }, receiver());
			byte[] bytes = mutate(random, first.get(0));
			try {
				responder.receive(bytes, 0, bytes.length);
				assertThat(responder.established()).isFalse(); // one message never authenticates a peer
			}
			catch (ProtocolException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
		}
	}

	private static SecureChannel.Receiver receiver() {
		return new SecureChannel.Receiver() {
			@Override
			public void handshakeComplete() {
			}

			@Override
			public void message(byte[] buf, int offset, int length) {
			}
		};
	}

	@Test
	void webSocketAdapterSeed3() {
		Random random = new Random(3);
		EmbeddedChannel encoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
		for (int n = 0; n < CASES; n++) {
			byte[] payload = new byte[random.nextInt(300)];
			random.nextBytes(payload);
			encoder.writeOutbound(random.nextInt(5) == 0 ? new TextWebSocketFrame(Unpooled.wrappedBuffer(payload))
					: new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
			ByteBuf wire = Unpooled.buffer();
			for (ByteBuf part; (part = encoder.readOutbound()) != null;) {
				wire.writeBytes(part);
				part.release();
			}
			byte[] bytes = new byte[wire.readableBytes()];
			wire.readBytes(bytes).release();
			byte[] fuzzed = random.nextBoolean() ? bytes : mutate(random, bytes);
			EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameDecoder(
					WebSocketDecoderConfig.newBuilder().expectMaskedFrames(true).maxFramePayloadLength(1024).build()),
					new WebSocketBytes());
			try {
				server.writeInbound(Unpooled.wrappedBuffer(fuzzed));
				server.checkException();
			}
			catch (ReplicationException | CorruptedFrameException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
			for (Object in; (in = server.readInbound()) != null;) {
				assertThat(in).isInstanceOf(ByteBuf.class); // only binary payloads pass on
				((ByteBuf) in).release();
			}
			server.finishAndReleaseAll();
		}
		encoder.finishAndReleaseAll();
	}
}
