package dev.kappa.internal.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's {@link Transport} over a pair of blocking streams (a pipe, a process's stdio, a socket's
 * streams): one thread reads, one writes, so the session itself never blocks. Outgoing bytes wait in a queue
 * whose size in bytes is the writability, as with Netty's water marks. When the session ends, the output is
 * flushed and both streams are closed.
 */
final class StreamTransport implements Transport {

	private static final int HIGH_WATER = 2 << 20;

	private static final int LOW_WATER = 512 * 1024;

	private static final byte[] CLOSE = new byte[0];

	private final Transport.Listener session;

	private final InputStream in;

	private final OutputStream out;

	private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicBoolean closing = new AtomicBoolean();

	private final Object readLock = new Object();

	private boolean reading = true;

	StreamTransport(Transport.Listener session, InputStream in, OutputStream out) {
		this.session = session;
		this.in = in;
		this.out = out;
	}

	void start() {
		this.session.start(this); // queued before anything read can be
		thread("kappa-replication-stream-reader", this::readLoop).start();
		thread("kappa-replication-stream-writer", this::writeLoop).start();
	}

	private static Thread thread(String name, Runnable body) {
		Thread t = new Thread(body, name);
		t.setDaemon(true);
		return t;
	}

	private void readLoop() {
		byte[] buf = new byte[64 * 1024];
		try {
			while (true) {
				synchronized (this.readLock) {
					while (!this.reading && !this.closing.get()) {
						this.readLock.wait();
					}
				}
				int n = this.in.read(buf);
				if (n < 0) {
					this.session.closed(null);
					return;
				}
				if (n > 0) {
					this.session.received(Arrays.copyOf(buf, n));
				}
			}
		}
		catch (IOException ex) {
			this.session.closed(this.closing.get() ? null : ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void writeLoop() {
		try {
			while (true) {
				byte[] b = this.queue.take();
				if (b == CLOSE) {
					break;
				}
				this.out.write(b);
				long left = this.queued.addAndGet(-b.length);
				if (this.queue.isEmpty()) {
					this.out.flush();
				}
				if (left < LOW_WATER && left + b.length >= LOW_WATER) {
					this.session.writable();
				}
			}
			this.out.flush();
		}
		catch (IOException ex) {
			this.session.closed(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly();
		}
	}

	private void closeQuietly() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			// already closed by the other side
		}
		try {
			this.in.close();
		}
		catch (IOException ex) {
			// same
		}
	}

	@Override
	public void write(byte[] bytes) {
		if (!this.closing.get()) {
			this.queued.addAndGet(bytes.length);
			this.queue.add(bytes);
		}
	}

	@Override
	public boolean isWritable() {
		return this.queued.get() < HIGH_WATER;
	}

	@Override
	public void setReading(boolean reading) {
		synchronized (this.readLock) {
			this.reading = reading;
			this.readLock.notifyAll();
		}
	}

	@Override
	public void close() {
		if (this.closing.compareAndSet(false, true)) {
			this.queue.add(CLOSE);
			setReading(true);
		}
	}

	@Override
	public String peer() {
		return "stream";
	}
}
