package dev.kappa.internal.replication;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer in which a session lays out outgoing messages (each prefixed with its
 * length) before they are sealed into records. Reused for the life of a session; not thread-safe.
 */
final class Output {

	private byte[] buf;

	private int size;

	private int messageStart = -1;

	Output(int capacity) {
		this.buf = new byte[capacity];
	}

	byte[] buffer() {
		return this.buf;
	}

	int size() {
		return this.size;
	}

	void clear() {
		this.size = 0;
		this.messageStart = -1;
	}

	/** Starts a message of {@code type}: reserves its 4-byte length and writes the type. */
	Output begin(int type) {
		ensure(5);
		this.messageStart = this.size;
		this.size += 4;
		this.buf[this.size++] = (byte) type;
		return this;
	}

	/** Ends the message begun last, filling in its length; returns the message length (type and body). */
	int end() {
		int length = this.size - this.messageStart - 4;
		putInt(this.buf, this.messageStart, length);
		this.messageStart = -1;
		return length;
	}

	Output u8(int v) {
		ensure(1);
		this.buf[this.size++] = (byte) v;
		return this;
	}

	Output u16(int v) {
		ensure(2);
		this.buf[this.size++] = (byte) (v >>> 8);
		this.buf[this.size++] = (byte) v;
		return this;
	}

	Output u32(long v) {
		ensure(4);
		putInt(this.buf, this.size, (int) v);
		this.size += 4;
		return this;
	}

	Output u64(long v) {
		ensure(8);
		for (int i = 7; i >= 0; i--) {
			this.buf[this.size++] = (byte) (v >>> (8 * i));
		}
		return this;
	}

	Output bytes(byte[] b) {
		return bytes(b, 0, b.length);
	}

	Output bytes(byte[] b, int off, int len) {
		ensure(len);
		System.arraycopy(b, off, this.buf, this.size, len);
		this.size += len;
		return this;
	}

	void ensure(int more) {
		long needed = (long) this.size + more;
		if (needed > this.buf.length) {
			if (needed > Integer.MAX_VALUE - 64) {
				throw new IllegalStateException("Message buffer overflow");
			}
			this.buf = Arrays.copyOf(this.buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 64, 2L * this.buf.length)));
		}
	}

	/** Shrinks a buffer that grew for one large message back to {@code capacity}. */
	void trim(int capacity) {
		if (this.size == 0 && this.buf.length > capacity) {
			this.buf = new byte[capacity];
		}
	}

	static void putInt(byte[] b, int at, int v) {
		b[at] = (byte) (v >>> 24);
		b[at + 1] = (byte) (v >>> 16);
		b[at + 2] = (byte) (v >>> 8);
		b[at + 3] = (byte) v;
	}
}
