package dev.kappa.internal.hypercore;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.kappa.internal.crypto.EdNoiseHandshake;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.crypto.NoiseException;
import dev.kappa.internal.crypto.SecretStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hypercore's secret-stream on one connection: the Noise handshake ({@link EdNoiseHandshake}), the header
 * frames ({@code streamId ‖ secretstream header}), then one {@link SecretStream} per direction. Inbound frames
 * become plaintext buffers (empty keep-alive records are dropped); outbound plaintext buffers become records.
 * Sends an empty record when the connection has been idle for writing, closes it when idle for reading, or
 * when the handshake does not complete in time.
 */
final class SecretStreamHandler extends ChannelDuplexHandler {

	private static final Logger logger = LoggerFactory.getLogger(SecretStreamHandler.class);

	private static final int HEADER_FRAME = 32 + SecretStream.HEADER_LENGTH;

	private final EdNoiseHandshake noise;

	private final Supplier<byte[]> headers;

	private final Duration handshakeTimeout;

	private SecretStream tx;

	private SecretStream rx;

	private byte[] handshakeHash;

	private ScheduledFuture<?> timeout;

	SecretStreamHandler(EdNoiseHandshake noise, Supplier<byte[]> headers, Duration handshakeTimeout) {
		this.noise = noise;
		this.headers = headers;
		this.handshakeTimeout = handshakeTimeout;
	}

	/** A handler for a new connection with a fresh ephemeral key and random headers. */
	static SecretStreamHandler create(boolean initiator, Ed25519.KeyPair identity, Duration handshakeTimeout) {
		Ed25519.KeyPair e = Ed25519.KeyPair.generate();
		EdNoiseHandshake noise = initiator ? EdNoiseHandshake.initiator(identity, e) : EdNoiseHandshake.responder(identity, e);
		java.security.SecureRandom random = new java.security.SecureRandom();
		return new SecretStreamHandler(noise, () -> {
			byte[] header = new byte[SecretStream.HEADER_LENGTH];
			random.nextBytes(header);
			return header;
		}, handshakeTimeout);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.timeout = ctx.executor().schedule(() -> {
			logger.warn("Hypercore connection {} closed: no secure session within {}", peer(ctx), this.handshakeTimeout);
			ctx.close();
		}, this.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
		if (ctx.channel().isActive()) {
			begin(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		begin(ctx);
		ctx.fireChannelActive();
	}

	private boolean begun;

	private void begin(ChannelHandlerContext ctx) {
		if (this.begun) {
			return;
		}
		this.begun = true;
		if (this.noise.isInitiator()) {
			writeRaw(ctx, writeNoise());
			ctx.flush();
		}
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancelTimeout();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws NoiseException {
		byte[] bytes = Uint24FrameDecoder.drain((ByteBuf) msg);
		if (this.rx != null) {
			byte[] plain = this.rx.pull(bytes, 0, bytes.length);
			if (plain.length > 0) {
				ctx.fireChannelRead(Unpooled.wrappedBuffer(plain));
			}
		}
		else if (this.handshakeHash == null) {
			readNoise(ctx, bytes);
		}
		else {
			readHeader(ctx, bytes);
		}
	}

	private void readNoise(ChannelHandlerContext ctx, byte[] message) throws NoiseException {
		this.noise.readMessage(message);
		if (!this.noise.isComplete()) {
			writeRaw(ctx, writeNoise());
		}
		if (this.noise.isComplete()) {
			this.handshakeHash = this.noise.handshakeHash();
			byte[] header = this.headers.get();
			this.tx = new SecretStream(this.noise.sendKey(), header);
			byte[] id = Namespaces.streamId(this.noise.isInitiator(), this.handshakeHash);
			byte[] payload = Arrays.copyOf(id, HEADER_FRAME);
			System.arraycopy(header, 0, payload, 32, header.length);
			writeRaw(ctx, payload);
		}
		ctx.flush();
	}

	private void readHeader(ChannelHandlerContext ctx, byte[] frame) throws NoiseException {
		if (frame.length != HEADER_FRAME) {
			throw new NoiseException("Invalid header message received: " + frame.length + " bytes, expected " + HEADER_FRAME);
		}
		byte[] expected = Namespaces.streamId(!this.noise.isInitiator(), this.handshakeHash);
		if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, Arrays.copyOf(frame, 32))) {
			throw new NoiseException("Invalid header received: the stream id does not match this handshake");
		}
		this.rx = new SecretStream(this.noise.receiveKey(), Arrays.copyOfRange(frame, 32, HEADER_FRAME));
		cancelTimeout();
		Uint24FrameDecoder decoder = ctx.pipeline().get(Uint24FrameDecoder.class);
		if (decoder != null) {
			decoder.limit(Uint24FrameDecoder.RECORD_LIMIT);
		}
		ctx.fireUserEventTriggered(new SecureSession(this.handshakeHash, this.noise.remoteStaticKey(),
				this.noise.isInitiator(), peer(ctx)));
	}

	private byte[] writeNoise() {
		try {
			return this.noise.writeMessage();
		}
		catch (NoiseException ex) {
			throw new WireException(ex.getMessage(), ex);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		ByteBuf plain = (ByteBuf) msg;
		try {
			if (this.tx == null) {
				promise.setFailure(new IllegalStateException("The secret-stream is not established yet"));
				return;
			}
			int length = plain.readableBytes();
			if (length + SecretStream.ABYTES > Uint24FrameDecoder.RECORD_LIMIT) {
				promise.setFailure(new WireException("A message of " + length + " bytes does not fit one record"));
				return;
			}
			byte[] bytes = ByteBufUtil.getBytes(plain);
			byte[] record = this.tx.push(bytes, 0, bytes.length, SecretStream.TAG_MESSAGE);
			ctx.write(Unpooled.wrappedBuffer(Uint24FrameDecoder.frame(record)), promise);
		}
		finally {
			plain.release();
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof IdleStateEvent idle) {
			if (idle.state() == IdleState.WRITER_IDLE && this.tx != null) {
				write(ctx, Unpooled.EMPTY_BUFFER, ctx.newPromise());
				ctx.flush();
			}
			else if (idle.state() == IdleState.READER_IDLE) {
				logger.warn("Hypercore connection {} closed: nothing received for too long", peer(ctx));
				ctx.close();
			}
			return;
		}
		ctx.fireUserEventTriggered(evt);
	}

	private static void writeRaw(ChannelHandlerContext ctx, byte[] payload) {
		ctx.write(Unpooled.wrappedBuffer(Uint24FrameDecoder.frame(payload)));
	}

	private void cancelTimeout() {
		if (this.timeout != null) {
			this.timeout.cancel(false);
		}
	}

	static String peer(ChannelHandlerContext ctx) {
		return String.valueOf(ctx.channel().remoteAddress());
	}
}
