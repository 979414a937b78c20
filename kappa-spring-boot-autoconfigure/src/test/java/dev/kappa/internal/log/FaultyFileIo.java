package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * A {@link LogFileIo} over the real file system whose {@link Faults} may fail an open (as a process out of
 * descriptors does), a write (as a full disk does: half of it lands, then the error) or a force, and which
 * tells a {@link Faults} about every write and force (the power-loss simulation keeps what was not forced).
 */
final class FaultyFileIo implements LogFileIo {

	/** Hooks called before each operation; each may throw to make the operation fail. */
	interface Faults {

		default void open(Path file) throws IOException {
		}

		/** Before {@code length} bytes are written at {@code position}; return fewer to write only those, then fail. */
		default int write(Path file, FileChannel channel, long position, int length) throws IOException {
			return length;
		}

		default void force(Path file) throws IOException {
		}

		default void truncate(Path file, FileChannel channel, long size) throws IOException {
		}
	}

	static IOException diskFull() {
		return new IOException("No space left on device");
	}

	static IOException noDescriptors(Path file) {
		return new FileSystemException(file.toString(), null, "Too many open files");
	}

	volatile Faults faults = new Faults() {
	};

	@Override
	public FileChannel open(Path file, OpenOption... options) throws IOException {
		this.faults.open(file);
		return new Channel(file, FileChannel.open(file, options));
	}

	private final class Channel extends FileChannel {

		private final Path file;

		private final FileChannel real;

		Channel(Path file, FileChannel real) {
			this.file = file;
			this.real = real;
		}

		@Override
		public int write(ByteBuffer src, long position) throws IOException {
			int wanted = src.remaining();
			int allowed = FaultyFileIo.this.faults.write(this.file, this.real, position, wanted);
			if (allowed >= wanted) {
				return this.real.write(src, position);
			}
			ByteBuffer part = src.duplicate();
			part.limit(part.position() + allowed);
			this.real.write(part, position);
			throw diskFull();
		}

		@Override
		public void force(boolean metaData) throws IOException {
			FaultyFileIo.this.faults.force(this.file);
			this.real.force(metaData);
		}

		@Override
		public FileChannel truncate(long size) throws IOException {
			FaultyFileIo.this.faults.truncate(this.file, this.real, size);
			this.real.truncate(size);
			return this;
		}

		@Override
		public int write(ByteBuffer src) throws IOException {
			int n = write(src, this.real.position());
			this.real.position(this.real.position() + n);
			return n;
		}

		@Override
		public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
			long n = 0;
			for (int i = offset; i < offset + length; i++) {
				n += write(srcs[i]);
			}
			return n;
		}

		@Override
		public int read(ByteBuffer dst) throws IOException {
			return this.real.read(dst);
		}

		@Override
		public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
			return this.real.read(dsts, offset, length);
		}

		@Override
		public int read(ByteBuffer dst, long position) throws IOException {
			return this.real.read(dst, position);
		}

		@Override
		public long position() throws IOException {
			return this.real.position();
		}

		@Override
		public FileChannel position(long newPosition) throws IOException {
			this.real.position(newPosition);
			return this;
		}

		@Override
		public long size() throws IOException {
			return this.real.size();
		}

		@Override
		public long transferTo(long position, long count, WritableByteChannel target) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long transferFrom(ReadableByteChannel src, long position, long count) {
			throw new UnsupportedOperationException();
		}

		@Override
		public MappedByteBuffer map(MapMode mode, long position, long size) {
			throw new UnsupportedOperationException();
		}

		@Override
		public FileLock lock(long position, long size, boolean shared) {
			throw new UnsupportedOperationException();
		}

		@Override
		public FileLock tryLock(long position, long size, boolean shared) {
			throw new UnsupportedOperationException();
		}

		@Override
		protected void implCloseChannel() throws IOException {
			this.real.close();
		}
	}
}
