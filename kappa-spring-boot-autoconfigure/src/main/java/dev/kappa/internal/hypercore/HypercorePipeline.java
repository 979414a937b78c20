package dev.kappa.internal.hypercore;

import java.util.concurrent.TimeUnit;

import dev.kappa.internal.crypto.Ed25519;
import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * The handlers of one hypercore connection, raw bytes first: idle detection (keep-alives and the read
 * timeout), uint24 framing, secret-stream, protomux.
 */
final class HypercorePipeline {

	static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 2 << 20);

	private HypercorePipeline() {
	}

	static void install(Channel ch, boolean initiator, Ed25519.KeyPair identity, HypercoreOptions options,
			CoreHandler.Directory directory) {
		ch.pipeline()
			.addLast("idle", new IdleStateHandler(options.idleTimeout().toMillis(), options.keepAlive().toMillis(), 0,
					TimeUnit.MILLISECONDS))
			.addLast("frames", new Uint24FrameDecoder())
			.addLast("secret-stream", SecretStreamHandler.create(initiator, identity, options.handshakeTimeout()))
			.addLast("protomux", new ProtomuxHandler(directory));
	}
}
