package dev.kappa.internal.log;

import java.io.IOException;

/**
 * A sliding read-ahead window over a file, for walking it front to back with few system calls (recovery
 * reads every frame of the data file at each open).
 */
final class FileWindow {

	private static final int READ_AHEAD = 1 << 20;

	private final LogChannel file;

	private byte[] buffer = new byte[READ_AHEAD];

	private long start;

	private int length;

	FileWindow(LogChannel file) {
		this.file = file;
	}

	/** Makes bytes {@code [pos, pos + n)} available in {@link #buffer()} at {@link #offsetOf(long)}. */
	void load(long pos, int n) throws IOException {
		if (pos >= this.start && pos + n <= this.start + this.length) {
			return;
		}
		int want = (int) Math.min(Math.max(n, READ_AHEAD), this.file.size() - pos);
		if (want < n) {
			throw new java.io.EOFException("Unexpected end of " + this.file.path() + " at offset " + pos);
		}
		if (this.buffer.length < want) {
			this.buffer = new byte[want];
		}
		this.file.read(pos, this.buffer, 0, want);
		this.start = pos;
		this.length = want;
	}

	byte[] buffer() {
		return this.buffer;
	}

	int offsetOf(long pos) {
		return (int) (pos - this.start);
	}

	/** Whether every byte from {@code pos} to {@code end} is zero. */
	boolean allZero(long pos, long end) throws IOException {
		for (long at = pos; at < end;) {
			int n = (int) Math.min(READ_AHEAD, end - at);
			load(at, n);
			int from = offsetOf(at);
			for (int i = 0; i < n; i++) {
				if (this.buffer[from + i] != 0) {
					return false;
				}
			}
			at += n;
		}
		return true;
	}
}
