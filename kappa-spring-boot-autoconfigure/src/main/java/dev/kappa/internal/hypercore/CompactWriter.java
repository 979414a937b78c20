package dev.kappa.internal.hypercore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.kappa.internal.log.TreeNode;

/** Writes compact-encoding values (hypercore's wire encoding) into a growing array. */
final class CompactWriter {

	private byte[] buf;

	private int pos;

	CompactWriter() {
		this(64);
	}

	CompactWriter(int capacity) {
		this.buf = new byte[Math.max(16, capacity)];
	}

	/** A {@code uint}: one byte up to 0xfc, else 0xfd + u16, 0xfe + u32 or 0xff + u64, little-endian. */
	CompactWriter uint(long n) {
		if (n < 0) {
			throw new IllegalArgumentException("A compact uint is not negative, got " + n);
		}
		if (n <= 0xfc) {
			ensure(1);
			this.buf[this.pos++] = (byte) n;
		}
		else if (n <= 0xffff) {
			ensure(3);
			this.buf[this.pos++] = (byte) 0xfd;
			little(n, 2);
		}
		else if (n <= 0xffffffffL) {
			ensure(5);
			this.buf[this.pos++] = (byte) 0xfe;
			little(n, 4);
		}
		else {
			ensure(9);
			this.buf[this.pos++] = (byte) 0xff;
			little(n, 8);
		}
		return this;
	}

	CompactWriter raw(byte[] bytes) {
		return raw(bytes, 0, bytes.length);
	}

	CompactWriter raw(byte[] bytes, int off, int len) {
		ensure(len);
		System.arraycopy(bytes, off, this.buf, this.pos, len);
		this.pos += len;
		return this;
	}

	/** A {@code buffer}: length then bytes; null writes length 0 ({@code optionalBuffer}). */
	CompactWriter buffer(byte[] bytes) {
		if (bytes == null) {
			return uint(0);
		}
		return uint(bytes.length).raw(bytes);
	}

	CompactWriter buffer(byte[] bytes, int off, int len) {
		return uint(len).raw(bytes, off, len);
	}

	CompactWriter string(String s) {
		return buffer(s.getBytes(StandardCharsets.UTF_8));
	}

	/** hypercore's {@code nodes}: count, then index, size and 32-byte hash each. */
	CompactWriter nodes(List<TreeNode> nodes) {
		uint(nodes.size());
		for (TreeNode node : nodes) {
			uint(node.index()).uint(node.size()).raw(node.hash());
		}
		return this;
	}

	int length() {
		return this.pos;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.buf, this.pos);
	}

	private void little(long n, int bytes) {
		for (int i = 0; i < bytes; i++) {
			this.buf[this.pos++] = (byte) (n >>> (8 * i));
		}
	}

	private void ensure(int more) {
		if (this.pos + more > this.buf.length) {
			this.buf = Arrays.copyOf(this.buf, Math.max(this.buf.length * 2, this.pos + more));
		}
	}
}
