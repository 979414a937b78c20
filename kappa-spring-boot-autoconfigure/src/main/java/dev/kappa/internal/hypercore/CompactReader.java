package dev.kappa.internal.hypercore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.kappa.internal.log.TreeNode;

/**
 * Reads compact-encoding values from a range of an array. Every read past the end, a non-minimal
 * length beyond what remains, or a value above 2^53 fails with {@link WireException}; trailing bytes are left
 * for the caller to ignore, as hypercore's decoders do.
 */
final class CompactReader {

	private static final long MAX_UINT = (1L << 53) - 1;

	/** compact-encoding's decode limit for arrays. */
	private static final int MAX_ARRAY = 0x100000;

	private final byte[] buf;

	private int pos;

	private final int end;

	CompactReader(byte[] buf, int off, int end) {
		this.buf = buf;
		this.pos = off;
		this.end = end;
	}

	CompactReader(byte[] buf) {
		this(buf, 0, buf.length);
	}

	int position() {
		return this.pos;
	}

	boolean hasMore() {
		return this.pos < this.end;
	}

	int remaining() {
		return this.end - this.pos;
	}

	long uint() {
		int a = u8();
		if (a <= 0xfc) {
			return a;
		}
		int n = a == 0xfd ? 2 : a == 0xfe ? 4 : 8;
		need(n);
		long v = 0;
		for (int i = 0; i < n; i++) {
			v |= (long) (this.buf[this.pos++] & 0xff) << (8 * i);
		}
		if (v < 0 || v > MAX_UINT) {
			throw new WireException("a compact uint above 2^53 at offset " + (this.pos - n - 1));
		}
		return v;
	}

	/** A uint that must fit in an int (a count or a length). */
	int length() {
		long n = uint();
		if (n > Integer.MAX_VALUE) {
			throw new WireException("a length of " + n + " at offset " + this.pos);
		}
		return (int) n;
	}

	byte[] fixed(int n) {
		need(n);
		byte[] out = Arrays.copyOfRange(this.buf, this.pos, this.pos + n);
		this.pos += n;
		return out;
	}

	byte[] buffer() {
		return fixed(length());
	}

	/** An {@code optionalBuffer}: null for length 0. */
	byte[] optionalBuffer() {
		int n = length();
		return n == 0 ? null : fixed(n);
	}

	String string() {
		return new String(buffer(), StandardCharsets.UTF_8);
	}

	byte[] rest() {
		return fixed(this.end - this.pos);
	}

	List<TreeNode> nodes() {
		int count = length();
		if (count > MAX_ARRAY || count > remaining() / 34) {
			throw new WireException("a node list of " + count + " entries in " + remaining() + " bytes");
		}
		List<TreeNode> nodes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			nodes.add(new TreeNode(uint(), uint(), fixed(32)));
		}
		return nodes;
	}

	private int u8() {
		need(1);
		return this.buf[this.pos++] & 0xff;
	}

	private void need(int n) {
		if (n < 0 || this.end - this.pos < n) {
			throw new WireException("message ends early: " + n + " bytes needed at offset " + this.pos + ", "
					+ (this.end - this.pos) + " left");
		}
	}
}
