package dev.kappa.internal.hypercore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * protomux over the secret-stream: one record is one frame {@code uint channel ‖ uint type ‖ payload}; channel 0
 * is control ({@code batch}, {@code open}, {@code reject}, {@code close}). Channels are paired by
 * {@code (protocol, id)}: a {@code hypercore/alpha} open for a discovery key the {@link CoreHandler.Directory}
 * knows is answered with our open, others with {@code reject}. A wrong capability closes the whole connection,
 * as hypercore does. Stops reading while the socket is not writable (back-pressure).
 */
final class ProtomuxHandler extends ChannelInboundHandlerAdapter {

	private static final Logger logger = LoggerFactory.getLogger(ProtomuxHandler.class);

	private static final int BATCH = 0;

	private static final int OPEN = 1;

	private static final int REJECT = 2;

	private static final int CLOSE = 3;

	private final CoreHandler.Directory directory;

	private final Map<Long, AlphaChannel> byLocal = new HashMap<>();

	private final Map<Long, AlphaChannel> byRemote = new HashMap<>();

	private final Map<String, AlphaChannel> byDiscoveryKey = new HashMap<>();

	private ChannelHandlerContext ctx;

	private SecureSession session;

	private long nextLocalId = 1;

	ProtomuxHandler(CoreHandler.Directory directory) {
		this.directory = directory;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SecureSession s) {
			this.session = s;
			this.directory.connected(this);
			ctx.flush();
		}
		ctx.fireUserEventTriggered(evt);
	}

	/** Opens a channel for {@code handler}'s core from our side (the peer pairs it with its own open). */
	void open(CoreHandler handler) {
		byte[] dk = Namespaces.discoveryKey(handler.coreKey());
		if (this.session == null || this.byDiscoveryKey.containsKey(hex(dk))) {
			return;
		}
		AlphaChannel channel = new AlphaChannel(this, this.nextLocalId++, dk, handler);
		this.byLocal.put(channel.localId, channel);
		this.byDiscoveryKey.put(hex(dk), channel);
		sendOpen(channel);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		byte[] frame = Uint24FrameDecoder.drain((ByteBuf) msg);
		CompactReader in = new CompactReader(frame);
		long channel = in.uint();
		int type = type(in.uint());
		if (channel == 0 && type == BATCH) {
			batch(frame, in);
		}
		else {
			dispatch(channel, type, in);
		}
	}

	private void batch(byte[] frame, CompactReader in) {
		long channel = in.uint();
		while (in.hasMore()) {
			int length = in.length();
			if (length == 0) {
				channel = in.uint();
				continue;
			}
			int start = in.position();
			byte[] ignored = in.fixed(length);
			CompactReader message = new CompactReader(frame, start, start + ignored.length);
			dispatch(channel, type(message.uint()), message);
		}
	}

	private void dispatch(long channel, int type, CompactReader body) {
		if (channel == 0) {
			control(type, body);
			return;
		}
		AlphaChannel c = this.byRemote.get(channel);
		if (c != null && !c.closed) {
			c.handler.message(c, type, body);
		}
	}

	private void control(int type, CompactReader body) {
		switch (type) {
			case OPEN -> remoteOpen(body);
			case REJECT -> {
				AlphaChannel c = this.byLocal.get(body.uint());
				if (c != null) {
					logger.info("Hypercore peer {} has no core for discovery key {}", peer(), hex(c.discoveryKey));
					remove(c);
				}
			}
			case CLOSE -> {
				AlphaChannel c = this.byRemote.get(body.uint());
				if (c != null) {
					remove(c);
				}
			}
			default -> {
				// unknown control messages are ignored, as protomux does
			}
		}
	}

	private void remoteOpen(CompactReader body) {
		long remoteId = body.uint();
		String protocol = body.string();
		byte[] id = body.optionalBuffer();
		if (remoteId == 0 || this.byRemote.containsKey(remoteId)) {
			throw new WireException("an open for channel " + remoteId + ", which is " + (remoteId == 0 ? "control" : "already open"));
		}
		AlphaChannel channel = id == null ? null : this.byDiscoveryKey.get(hex(id));
		if (channel == null && AlphaMessages.PROTOCOL.equals(protocol) && id != null && id.length == 32) {
			CoreHandler handler = this.directory.open(id);
			if (handler != null) {
				channel = new AlphaChannel(this, this.nextLocalId++, id, handler);
				this.byLocal.put(channel.localId, channel);
				this.byDiscoveryKey.put(hex(id), channel);
				sendOpen(channel);
			}
		}
		if (channel == null || !AlphaMessages.PROTOCOL.equals(protocol) || channel.remoteId >= 0) {
			send(0, REJECT, new CompactWriter().uint(remoteId));
			return;
		}
		AlphaMessages.Handshake handshake = AlphaMessages.Handshake.decode(body);
		byte[] expected = Namespaces.capability(!this.session.initiator(), channel.handler.coreKey(),
				this.session.handshakeHash());
		if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(expected, handshake.capability())) {
			throw new WireException("INVALID_CAPABILITY: the peer sent an invalid replication capability for discovery key "
					+ hex(id));
		}
		channel.remoteId = remoteId;
		this.byRemote.put(remoteId, channel);
		channel.handler.opened(channel);
	}

	private void sendOpen(AlphaChannel channel) {
		CompactWriter out = new CompactWriter().uint(channel.localId).string(AlphaMessages.PROTOCOL).buffer(channel.discoveryKey);
		byte[] cap = Namespaces.capability(this.session.initiator(), channel.handler.coreKey(), this.session.handshakeHash());
		new AlphaMessages.Handshake(1, cap).encode(out);
		send(0, OPEN, out);
	}

	void send(long channel, int type, CompactWriter body) {
		CompactWriter frame = new CompactWriter(body.length() + 8).uint(channel).uint(type);
		frame.raw(body.toByteArray());
		this.ctx.write(Unpooled.wrappedBuffer(frame.toByteArray()));
	}

	void closeChannel(AlphaChannel channel) {
		if (!channel.closed) {
			send(0, CLOSE, new CompactWriter().uint(channel.localId));
			this.ctx.flush();
			remove(channel);
		}
	}

	private void remove(AlphaChannel channel) {
		channel.closed = true;
		this.byLocal.remove(channel.localId);
		this.byRemote.remove(channel.remoteId);
		this.byDiscoveryKey.remove(hex(channel.discoveryKey));
		channel.handler.closed(channel);
	}

	void fail(String reason) {
		logger.warn("Hypercore connection {} closed: {}", peer(), reason);
		this.ctx.close();
	}

	void execute(Runnable task) {
		this.ctx.executor().execute(() -> {
			try {
				task.run();
				this.ctx.flush();
			}
			catch (RuntimeException ex) {
				exceptionCaught(this.ctx, ex);
			}
		});
	}

	String peer() {
		return this.session != null ? this.session.peer() : String.valueOf(this.ctx.channel().remoteAddress());
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) {
		ctx.flush();
		ctx.fireChannelReadComplete();
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		ctx.channel().config().setAutoRead(ctx.channel().isWritable());
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		List<AlphaChannel> open = new ArrayList<>(this.byLocal.values());
		for (AlphaChannel c : open) {
			remove(c);
		}
		this.directory.disconnected(this);
		ctx.fireChannelInactive();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
				? cause.getCause() : cause;
		fail(root.getMessage() != null ? root.getMessage() : root.toString());
	}

	private static int type(long type) {
		return type > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) type;
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}
}
