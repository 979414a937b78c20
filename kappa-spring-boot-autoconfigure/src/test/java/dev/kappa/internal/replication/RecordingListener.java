package dev.kappa.internal.replication;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A session stand-in for transport tests: records what its transport told it. */
final class RecordingListener implements Transport.Listener {

	Transport transport;

	final ByteArrayOutputStream received = new ByteArrayOutputStream();

	int writable;

	final List<Throwable> closed = new ArrayList<>();

	boolean closedCleanly;

	String connectFailed;

	@Override
	public void start(Transport t) {
		this.transport = t;
	}

	@Override
	public void connectFailed(String peer, Throwable cause) {
		this.connectFailed = peer + ": " + Session.describe(cause);
	}

	@Override
	public void received(byte[] bytes) {
		this.received.writeBytes(bytes);
	}

	@Override
	public void writable() {
		this.writable++;
	}

	@Override
	public void closed(Throwable cause) {
		if (cause == null) {
			this.closedCleanly = true;
		}
		else {
			this.closed.add(cause);
		}
	}
}
