package dev.kappa.internal.log;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file of a log, read and written at explicit positions, with a small fixed header (magic and format
 * version). Positional I/O lets readers run concurrently with the single writer.
 */
final class LogChannel implements Closeable {

	static final int VERSION = 1;

	private final Path path;

	private final FileChannel channel;

	private LogChannel(Path path, FileChannel channel) {
		this.path = path;
		this.channel = channel;
	}

	/**
	 * Opens (creating if asked) a file whose first bytes are {@code magic} then the format version; a new or
	 * empty file gets the header {@code header} (which starts with them).
	 */
	static LogChannel open(LogFileIo io, Path path, byte[] header, boolean create, String log) throws IOException {
		FileChannel channel = create
				? io.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
				: io.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
		LogChannel file = new LogChannel(path, channel);
		try {
			if (channel.size() == 0) {
				file.write(header, 0, header.length, 0);
				file.force();
			}
			else {
				byte[] found = new byte[header.length];
				if (channel.size() < header.length) {
					throw new CorruptLogException(log, path, channel.size(), "the file is shorter than its " + header.length + "-byte header");
				}
				file.read(0, found, 0, found.length);
				for (int i = 0; i < 8; i++) {
					if (found[i] != header[i]) {
						throw new CorruptLogException(log, path, 0, "not a kappa log file (bad magic)");
					}
				}
				int version = Frame.getInt(found, 8);
				if (version != VERSION) {
					throw new CorruptLogException(log, path, 8, "unsupported format version " + version);
				}
				file.checkRestOfHeader(found, header, log);
			}
			return file;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private void checkRestOfHeader(byte[] found, byte[] expected, String log) {
		for (int i = 12; i < expected.length; i++) {
			if (found[i] != expected[i]) {
				throw new CorruptLogException(log, this.path, i, "the header does not belong to this log");
			}
		}
	}

	/** A header: 8 magic bytes, u32 version, then {@code extra} bytes. */
	static byte[] header(String magic8, int size, byte[] extra) {
		byte[] header = new byte[size];
		byte[] m = magic8.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		System.arraycopy(m, 0, header, 0, 8);
		Frame.putInt(header, 8, VERSION);
		if (extra != null) {
			System.arraycopy(extra, 0, header, 16, extra.length);
		}
		return header;
	}

	Path path() {
		return this.path;
	}

	long size() {
		try {
			return this.channel.size();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the size of " + this.path, ex);
		}
	}

	void read(long position, byte[] dst, int offset, int length) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
		long at = position;
		while (buffer.hasRemaining()) {
			int n = this.channel.read(buffer, at);
			if (n < 0) {
				throw new EOFException("Unexpected end of " + this.path + " at offset " + at);
			}
			at += n;
		}
	}

	void write(byte[] src, int offset, int length, long position) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(src, offset, length);
		long at = position;
		while (buffer.hasRemaining()) {
			at += this.channel.write(buffer, at);
		}
	}

	void force() throws IOException {
		this.channel.force(false);
	}

	void truncate(long size) throws IOException {
		this.channel.truncate(size);
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}
}
