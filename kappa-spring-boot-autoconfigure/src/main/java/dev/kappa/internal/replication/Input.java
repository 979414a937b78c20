package dev.kappa.internal.replication;

/**
 * Reads the body of one received message, big-endian; running past its end is a malformed message.
 */
final class Input {

	private final byte[] buf;

	private final int end;

	private final String what;

	private int pos;

	Input(byte[] buf, int offset, int length, String what) {
		this.buf = buf;
		this.pos = offset;
		this.end = offset + length;
		this.what = what;
	}

	byte[] buffer() {
		return this.buf;
	}

	int position() {
		return this.pos;
	}

	int remaining() {
		return this.end - this.pos;
	}

	private void need(int n) {
		if (n < 0 || this.end - this.pos < n) {
			throw new ProtocolException("malformed " + this.what + " message (truncated)");
		}
	}

	int u8() {
		need(1);
		return this.buf[this.pos++] & 0xff;
	}

	int u16() {
		need(2);
		int v = ((this.buf[this.pos] & 0xff) << 8) | (this.buf[this.pos + 1] & 0xff);
		this.pos += 2;
		return v;
	}

	long u32() {
		need(4);
		long v = getInt(this.buf, this.pos) & 0xffffffffL;
		this.pos += 4;
		return v;
	}

	long u64() {
		need(8);
		long v = 0;
		for (int i = 0; i < 8; i++) {
			v = (v << 8) | (this.buf[this.pos++] & 0xff);
		}
		return v;
	}

	byte[] bytes(int n) {
		need(n);
		byte[] out = java.util.Arrays.copyOfRange(this.buf, this.pos, this.pos + n);
		this.pos += n;
		return out;
	}

	void skip(int n) {
		need(n);
		this.pos += n;
	}

	/** Requires that the whole body was read. */
	void done() {
		if (this.pos != this.end) {
			throw new ProtocolException("malformed " + this.what + " message (" + (this.end - this.pos) + " extra bytes)");
		}
	}

	static int getInt(byte[] b, int at) {
		return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
	}
}
