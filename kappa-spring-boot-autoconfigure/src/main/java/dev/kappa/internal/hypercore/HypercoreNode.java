package dev.kappa.internal.hypercore;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.kappa.core.KappaHypercore;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.log.LogStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This database as a peer of the hypercore network, over plain TCP (Node's {@code core.replicate(socket)} or
 * Corestore's {@code store.replicate(socket)}): serves the exposed local logs as compat cores, one protomux
 * channel per discovery key, follows the configured cores of its peers (compat or manifest) into read-only logs, and dials
 * the configured peers, reconnecting when they go away. Its Noise identity
 * is its own Ed25519 key pair. Nothing is served unless exposed.
 * <p>
 * Internal: the Spring auto-configuration starts and stops it; applications use it as {@link KappaHypercore}.
 */
public final class HypercoreNode implements KappaHypercore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HypercoreNode.class);

	/** Read (or created) on first use: serving, dialling or {@link #publicKey()}; a node that is off never needs it. */
	private final Supplier<Ed25519.KeyPair> identitySource;

	private volatile Ed25519.KeyPair identity;

	private final HypercoreOptions options;

	private final ExposedLogs exposed;

	private final FollowedCores followed;

	private final CoreHandler.Directory directory;

	/** Made when the node starts serving or dialling (Netty's classes are loaded then, not at the context's start). */
	private ChannelGroup channels;

	private final List<PeerDialer> dialers = new CopyOnWriteArrayList<>();

	private EventLoopGroup group;

	private Channel server;

	private int port = -1;

	public HypercoreNode(LogStore store, Ed25519.KeyPair identity, HypercoreOptions options) {
		this(store, () -> identity, options);
	}

	/**
	 * A node whose identity is read from {@code identity} when it is first needed: when it starts serving or dialling
	 * (so that a bad key file fails {@link #start()}), or at {@link #publicKey()}.
	 */
	public HypercoreNode(LogStore store, Supplier<Ed25519.KeyPair> identity, HypercoreOptions options) {
		this.identitySource = identity;
		this.options = options;
		this.exposed = new ExposedLogs(store, options.expose());
		this.followed = new FollowedCores(store);
		this.directory = new CoreHandler.Directory() {
			@Override
			public CoreHandler open(byte[] discoveryKey) {
				CoreHandler served = HypercoreNode.this.exposed.open(discoveryKey);
				return served != null ? served : HypercoreNode.this.followed.open(discoveryKey);
			}

			@Override
			public void connected(ProtomuxHandler mux) {
				HypercoreNode.this.followed.connected(mux);
			}

			@Override
			public void disconnected(ProtomuxHandler mux) {
				HypercoreNode.this.followed.disconnected(mux);
			}
		};
		options.follow().forEach(this.followed::follow);
	}

	/** Binds the server (if a port is configured) and dials the peers. */
	public synchronized void start() {
		if (this.group != null || (this.options.port() == null && this.options.peers().isEmpty())) {
			return;
		}
		identity();
		if (this.channels == null) {
			this.channels = new DefaultChannelGroup("kappa-hypercore", GlobalEventExecutor.INSTANCE);
		}
		this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		if (this.options.port() != null) {
			bind();
		}
		for (URI peer : this.options.peers()) {
			PeerDialer dialer = new PeerDialer(this.group, peer, this.options, this::initConnection);
			this.dialers.add(dialer);
			dialer.dial();
		}
	}

	private void bind() {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, HypercorePipeline.WATER_MARK)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					initConnection(ch, false);
				}
			});
		String address = this.options.bindAddress();
		try {
			this.server = bootstrap.bind(new InetSocketAddress(address, this.options.port())).syncUninterruptibly().channel();
		}
		catch (RuntimeException ex) {
			stop();
			throw new IllegalStateException("Cannot serve hypercore on " + address + ":" + this.options.port() + ": "
					+ ex.getMessage(), ex);
		}
		this.port = ((InetSocketAddress) this.server.localAddress()).getPort();
		logger.info("Serving hypercore on {}:{} (exposed logs: {})", address, this.port,
				this.options.expose().isEmpty() ? "none" : String.join(", ", this.options.expose()));
	}

	private java.util.function.Consumer<Channel> connectionHook = ch -> { };

	private void initConnection(Channel ch, boolean initiator) {
		this.channels.add(ch);
		HypercorePipeline.install(ch, initiator, identity(), this.options, this.directory);
		this.connectionHook.accept(ch);
	}

	/** For tests: called with every new connection's channel once its handlers are installed. */
	void connectionHook(java.util.function.Consumer<Channel> hook) {
		this.connectionHook = hook;
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public byte[] publicKey() {
		return identity().publicKey();
	}

	private Ed25519.KeyPair identity() {
		Ed25519.KeyPair known = this.identity;
		if (known == null) {
			synchronized (this.identitySource) {
				known = this.identity;
				if (known == null) {
					known = java.util.Objects.requireNonNull(this.identitySource.get(), "identity");
					this.identity = known;
				}
			}
		}
		return known;
	}

	@Override
	public void expose(String name) {
		this.exposed.expose(name);
	}

	@Override
	public void follow(LogKey key) {
		this.followed.follow(key);
	}

	@Override
	public boolean isFollowed(LogKey key) {
		return this.followed.isFollowed(key);
	}

	/** Tells {@code listener} why a followed core was not followed from a peer (a fork, a bad proof, ...). */
	public void onFollowProblem(java.util.function.BiConsumer<LogKey, String> listener) {
		this.followed.onReport(listener);
	}

	@Override
	public boolean isExposed(String name) {
		return this.exposed.isExposed(name);
	}

	/** Closes the server, every connection and the dialers. */
	public synchronized void stop() {
		this.dialers.forEach(PeerDialer::stop);
		this.dialers.clear();
		if (this.server != null) {
			this.server.close().syncUninterruptibly();
			this.server = null;
		}
		if (this.channels != null) {
			this.channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
		if (this.group != null) {
			this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
			this.group = null;
		}
		this.port = -1;
	}

	@Override
	public void close() {
		stop();
		this.exposed.close();
	}
}
