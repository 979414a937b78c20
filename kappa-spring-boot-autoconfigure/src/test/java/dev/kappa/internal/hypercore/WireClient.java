package dev.kappa.internal.hypercore;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

import dev.kappa.internal.crypto.EdNoiseHandshake;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.crypto.NoiseException;
import dev.kappa.internal.crypto.SecretStream;

/** A blocking hypercore client for tests, able to misbehave: raw frames, tampered records, wrong capabilities. */
final class WireClient implements AutoCloseable {

	final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	byte[] handshakeHash;

	SecretStream tx;

	SecretStream rx;

	WireClient(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(15_000);
		this.in = new DataInputStream(this.socket.getInputStream());
		this.out = this.socket.getOutputStream();
	}

	void writeFrame(byte[] payload) throws IOException {
		this.out.write(Uint24FrameDecoder.frame(payload));
		this.out.flush();
	}

	/** The next frame, or null if the server closed the connection. */
	byte[] readFrame() throws IOException {
		try {
			int length = this.in.readUnsignedByte() | this.in.readUnsignedByte() << 8 | this.in.readUnsignedByte() << 16;
			byte[] b = new byte[length];
			this.in.readFully(b);
			return b;
		}
		catch (EOFException ex) {
			return null;
		}
		catch (IOException ex) {
			if (ex instanceof SocketTimeoutException) {
				throw ex;
			}
			return null;
		}
	}

	/** Noise XX as the initiator, then the header frames. */
	WireClient handshake() throws IOException, NoiseException {
		EdNoiseHandshake noise = EdNoiseHandshake.initiator(Ed25519.KeyPair.generate(), Ed25519.KeyPair.generate());
		writeFrame(noise.writeMessage());
		noise.readMessage(readFrame());
		writeFrame(noise.writeMessage());
		this.handshakeHash = noise.handshakeHash();
		byte[] header = new byte[24];
		new java.security.SecureRandom().nextBytes(header);
		this.tx = new SecretStream(noise.sendKey(), header);
		byte[] id = Namespaces.streamId(true, this.handshakeHash);
		byte[] frame = Arrays.copyOf(id, 56);
		System.arraycopy(header, 0, frame, 32, 24);
		writeFrame(frame);
		byte[] theirs = readFrame();
		this.rx = new SecretStream(noise.receiveKey(), Arrays.copyOfRange(theirs, 32, 56));
		return this;
	}

	void send(CompactWriter plain) throws IOException {
		byte[] p = plain.toByteArray();
		writeFrame(this.tx.push(p, 0, p.length, SecretStream.TAG_MESSAGE));
	}

	/** The next non-empty plaintext, or null if the server closed the connection. */
	byte[] receive() throws IOException, NoiseException {
		while (true) {
			byte[] frame = readFrame();
			if (frame == null) {
				return null;
			}
			byte[] plain = this.rx.pull(frame, 0, frame.length);
			if (plain.length > 0) {
				return plain;
			}
		}
	}

	/** Sends {@code open(1, hypercore/alpha, dk(key), cap)}. */
	void open(byte[] coreKey, byte[] capability) throws IOException {
		CompactWriter w = new CompactWriter().uint(0).uint(1).uint(1).string(AlphaMessages.PROTOCOL)
			.buffer(Namespaces.discoveryKey(coreKey));
		new AlphaMessages.Handshake(1, capability).encode(w);
		send(w);
	}

	void open(byte[] coreKey) throws IOException {
		open(coreKey, Namespaces.capability(true, coreKey, this.handshakeHash));
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}
}
