package dev.kappa.internal.replication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.kappa.internal.crypto.X25519KeyPair;

/**
 * A test peer that completes the real handshake over a plain socket and then sends whatever a test crafts,
 * recording the messages it receives and when the node closes the connection.
 */
final class HostilePeer implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final SecureChannel channel;

	private final Object lock = new Object();

	private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

	final CompletableFuture<Void> established = new CompletableFuture<>();

	/** Completes when the node closes the connection. */
	final CompletableFuture<Void> closed = new CompletableFuture<>();

	private HostilePeer(int port, NetworkKey key) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.out = this.socket.getOutputStream();
		this.channel = new SecureChannel(true, X25519KeyPair.generate(), key.bytes(), 16 << 20, this::write,
				new SecureChannel.Receiver() {
					@Override
					public void handshakeComplete() {
						HostilePeer.this.established.complete(null);
					}

					@Override
					public void message(byte[] buf, int offset, int length) {
						HostilePeer.this.received.add(Arrays.copyOfRange(buf, offset, offset + length));
					}
				});
		Thread reader = new Thread(this::readLoop, "hostile-peer-reader");
		reader.setDaemon(true);
		reader.start();
		synchronized (this.lock) {
			this.channel.start();
		}
	}

	/** Connects and completes the handshake. */
	static HostilePeer connect(int port, NetworkKey key) throws Exception {
		HostilePeer peer = new HostilePeer(port, key);
		peer.established.get(10, TimeUnit.SECONDS);
		return peer;
	}

	/** This side's address as the node names it. */
	String name() {
		return "tcp://127.0.0.1:" + this.socket.getLocalPort();
	}

	private void readLoop() {
		byte[] buf = new byte[64 * 1024];
		try {
			InputStream in = this.socket.getInputStream();
			int n;
			while ((n = in.read(buf)) >= 0) {
				synchronized (this.lock) {
					this.channel.receive(buf, 0, n);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the node closed or reset the connection
		}
		this.closed.complete(null);
	}

	private void write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			// the node may already have closed; the test looks at the node
		}
	}

	/** Seals and sends the messages {@code build} lays out. */
	void send(Consumer<Output> build) {
		Output o = new Output(1024);
		build.accept(o);
		synchronized (this.lock) {
			this.channel.seal(o);
		}
	}

	/** Waits for the next received message of {@code type}; returns it (type byte first). */
	byte[] await(int type) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			byte[] m = this.received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (m != null && (m[0] & 0xff) == type) {
				return m;
			}
		}
		throw new AssertionError("No " + Messages.name(type) + " message received");
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}
}
