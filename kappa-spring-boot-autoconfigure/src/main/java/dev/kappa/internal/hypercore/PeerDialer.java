package dev.kappa.internal.hypercore;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to a configured hypercore peer ({@code tcp://host:port}) as the Noise initiator: dials,
 * and when the connection fails or closes, dials again after a delay that doubles up to a minute (reset by a
 * connection that got a secure session).
 */
final class PeerDialer {

	private static final Logger logger = LoggerFactory.getLogger(PeerDialer.class);

	private static final Duration MAX_DELAY = Duration.ofMinutes(1);

	private final EventLoopGroup group;

	private final URI peer;

	private final HypercoreOptions options;

	private final BiConsumer<Channel, Boolean> pipeline;

	private Duration delay;

	private volatile boolean stopped;

	private volatile Channel channel;

	PeerDialer(EventLoopGroup group, URI peer, HypercoreOptions options, BiConsumer<Channel, Boolean> pipeline) {
		this.group = group;
		this.peer = HypercoreOptions.checkPeer(peer);
		this.options = options;
		this.pipeline = pipeline;
		this.delay = options.reconnectDelay();
	}

	void dial() {
		if (this.stopped) {
			return;
		}
		Bootstrap bootstrap = new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.WRITE_BUFFER_WATER_MARK, HypercorePipeline.WATER_MARK)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.options.handshakeTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					PeerDialer.this.pipeline.accept(ch, true);
				}
			});
		bootstrap.connect(this.peer.getHost(), this.peer.getPort()).addListener(f -> {
			io.netty.channel.ChannelFuture connect = (io.netty.channel.ChannelFuture) f;
			if (!f.isSuccess()) {
				logger.info("Cannot reach hypercore peer {}: {}; retrying in {}", this.peer, f.cause().getMessage(), this.delay);
				retry();
				return;
			}
			this.channel = connect.channel();
			this.delay = this.options.reconnectDelay();
			connect.channel().closeFuture().addListener(c -> {
				if (!this.stopped) {
					logger.info("Hypercore peer {} disconnected; dialling again in {}", this.peer, this.delay);
					retry();
				}
			});
		});
	}

	private void retry() {
		if (this.stopped || this.group.isShuttingDown()) {
			return;
		}
		Duration wait = this.delay;
		this.delay = this.delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : this.delay.multipliedBy(2);
		this.group.schedule(this::dial, wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	void stop() {
		this.stopped = true;
		Channel c = this.channel;
		if (c != null) {
			c.close();
		}
	}
}
