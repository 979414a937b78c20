package dev.kappa.internal.hypercore;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the byte stream into secret-stream frames: a 3-byte little-endian length, then that many bytes. Frames
 * above the current limit close the connection before anything is allocated for them; the limit is 65,535
 * during the handshake (the Noise maximum) and the full 2^24 - 1 afterwards.
 */
final class Uint24FrameDecoder extends ByteToMessageDecoder {

	static final int HANDSHAKE_LIMIT = 65535;

	static final int RECORD_LIMIT = (1 << 24) - 1;

	private int limit = HANDSHAKE_LIMIT;

	void limit(int limit) {
		this.limit = limit;
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (in.readableBytes() >= 3) {
			int length = in.getUnsignedMediumLE(in.readerIndex());
			if (length > this.limit) {
				in.skipBytes(in.readableBytes());
				throw new WireException("a frame of " + length + " bytes is above the limit of " + this.limit);
			}
			if (in.readableBytes() < 3 + length) {
				return;
			}
			in.skipBytes(3);
			out.add(in.readRetainedSlice(length));
		}
	}

	/** The readable bytes of {@code buf}, which is released. */
	static byte[] drain(ByteBuf buf) {
		try {
			return io.netty.buffer.ByteBufUtil.getBytes(buf);
		}
		finally {
			buf.release();
		}
	}

	/** {@code payload} with its 3-byte length prefix. */
	static byte[] frame(byte[] payload) {
		byte[] out = new byte[3 + payload.length];
		out[0] = (byte) payload.length;
		out[1] = (byte) (payload.length >>> 8);
		out[2] = (byte) (payload.length >>> 16);
		System.arraycopy(payload, 0, out, 3, payload.length);
		return out;
	}
}
