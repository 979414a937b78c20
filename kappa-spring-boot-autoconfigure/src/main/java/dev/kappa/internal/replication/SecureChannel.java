package dev.kappa.internal.replication;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.kappa.internal.crypto.CipherState;
import dev.kappa.internal.crypto.NoiseException;
import dev.kappa.internal.crypto.NoiseHandshake;
import dev.kappa.internal.crypto.NoiseTransport;
import dev.kappa.internal.crypto.X25519KeyPair;

/**
 * The encrypted channel under a session (docs/protocol.md, "Records" and "Handshake"), free of I/O: bytes
 * from the peer go in through {@link #receive}, whole decrypted application messages come out through the
 * {@link Receiver}; outgoing messages laid out in an {@link Output} are sealed by {@link #seal} into records
 * handed to the sink. Each record is a 2-byte big-endian length and a Noise message of at most 65535 bytes;
 * the plaintexts of transport records form one stream of length-prefixed messages, so a message may span
 * records and a record may hold several messages.
 * <p>
 * Not thread-safe: a session drives it from its serial executor.
 */
final class SecureChannel {

	/** Mixed into the handshake hash: both sides must speak this protocol and version. */
	static final byte[] PROLOGUE = "kappa-replication/1".getBytes(StandardCharsets.US_ASCII);

	static final int MAX_RECORD = CipherState.MAX_MESSAGE_LENGTH;

	static final int MAX_PLAINTEXT = CipherState.MAX_PLAINTEXT_LENGTH;

	private static final int SMALL_MESSAGE = 64 * 1024;

	/**
	 * The largest handshake record accepted (the three messages are 48, 96 and 64 bytes): before the peer is
	 * authenticated a connection holds no buffer larger than this.
	 */
	static final int MAX_HANDSHAKE_RECORD = 256;

	/** What the channel delivers. */
	interface Receiver {

		void handshakeComplete();

		/** One whole message: its type byte at {@code buf[offset]}, then {@code length - 1} body bytes. */
		void message(byte[] buf, int offset, int length);
	}

	private final NoiseHandshake handshake;

	private final Consumer<byte[]> sink;

	private final Receiver receiver;

	private final int maxMessage;

	private NoiseTransport transport;

	/** Grows from a handshake record's size to {@link #MAX_RECORD} once the peer is authenticated. */
	private byte[] record = new byte[2 + MAX_HANDSHAKE_RECORD];

	private int recordFill;

	private final byte[] header = new byte[4];

	private int headerFill;

	/** Allocated for the first message that spans records (never before the peer is authenticated). */
	private byte[] message = new byte[0];

	private int messageLength;

	private int messageFill;

	private long bytesReceived;

	private long bytesSent;

	SecureChannel(boolean initiator, X25519KeyPair staticKey, byte[] networkKey, int maxMessage, Consumer<byte[]> sink,
			Receiver receiver) {
		this.handshake = initiator ? NoiseHandshake.initiator(staticKey, networkKey, PROLOGUE)
				: NoiseHandshake.responder(staticKey, networkKey, PROLOGUE);
		this.sink = sink;
		this.receiver = receiver;
		this.maxMessage = maxMessage;
	}

	/** Sends the first handshake message if this side is the initiator. */
	void start() {
		if (this.handshake.isInitiator()) {
			writeHandshake();
		}
	}

	boolean established() {
		return this.transport != null;
	}

	long bytesReceived() {
		return this.bytesReceived;
	}

	long bytesSent() {
		return this.bytesSent;
	}

	/**
	 * Consumes bytes from the peer (any split), delivering what completes.
	 * @throws ProtocolException if a record is malformed or does not authenticate, or a message is too large
	 */
	void receive(byte[] data, int offset, int length) {
		this.bytesReceived += length;
		int end = offset + length;
		while (offset < end) {
			if (this.recordFill < 2) {
				this.record[this.recordFill++] = data[offset++];
				continue;
			}
			int recordLength = ((this.record[0] & 0xff) << 8) | (this.record[1] & 0xff);
			if (recordLength > this.record.length - 2) {
				throw new ProtocolException("sent a handshake record of " + recordLength + " bytes; the maximum is "
						+ MAX_HANDSHAKE_RECORD);
			}
			int n = Math.min(end - offset, 2 + recordLength - this.recordFill);
			System.arraycopy(data, offset, this.record, this.recordFill, n);
			this.recordFill += n;
			offset += n;
			if (this.recordFill == 2 + recordLength) {
				this.recordFill = 0;
				record(recordLength);
			}
		}
	}

	private void record(int length) {
		if (this.transport == null) {
			readHandshake(length);
			return;
		}
		if (length < NoiseTransport.OVERHEAD) {
			throw new ProtocolException("sent a malformed record of " + length + " bytes");
		}
		int plain;
		try {
			plain = this.transport.decrypt(this.record, 2, length, this.record, 2);
		}
		catch (NoiseException ex) {
			throw new ProtocolException("sent a record that did not authenticate (tampered or reordered data)");
		}
		plaintext(this.record, 2, plain);
	}

	private void readHandshake(int length) {
		byte[] msg = java.util.Arrays.copyOfRange(this.record, 2, 2 + length);
		try {
			this.handshake.readMessage(msg);
		}
		catch (NoiseException ex) {
			throw new ProtocolException("failed the Noise handshake: " + ex.getMessage().replace("Noise handshake failed: ", ""));
		}
		if (this.handshake.isComplete()) {
			established(this.handshake.split());
		}
		else {
			writeHandshake();
		}
	}

	private void writeHandshake() {
		byte[] msg;
		try {
			msg = this.handshake.writeMessage(new byte[0]);
		}
		catch (NoiseException ex) {
			throw new ProtocolException(ex.getMessage());
		}
		byte[] out = new byte[2 + msg.length];
		out[0] = (byte) (msg.length >>> 8);
		out[1] = (byte) msg.length;
		System.arraycopy(msg, 0, out, 2, msg.length);
		send(out);
		if (this.handshake.isComplete()) {
			established(this.handshake.split());
		}
	}

	private void established(NoiseTransport t) {
		this.transport = t;
		byte[] full = new byte[2 + MAX_RECORD];
		System.arraycopy(this.record, 0, full, 0, this.recordFill);
		this.record = full;
		this.receiver.handshakeComplete();
	}

	/** Splits the plaintext stream into messages. */
	private void plaintext(byte[] buf, int offset, int length) {
		int end = offset + length;
		while (offset < end) {
			if (this.headerFill < 4) {
				// Fast path: a whole message inside this record is delivered without copying.
				if (this.headerFill == 0 && end - offset >= 4) {
					int len = Input.getInt(buf, offset);
					checkLength(len);
					if (end - offset - 4 >= len) {
						this.receiver.message(buf, offset + 4, len);
						offset += 4 + len;
						continue;
					}
				}
				this.header[this.headerFill++] = buf[offset++];
				if (this.headerFill == 4) {
					this.messageLength = Input.getInt(this.header, 0);
					checkLength(this.messageLength);
					this.messageFill = 0;
					if (this.message.length < this.messageLength || this.message.length > SMALL_MESSAGE
							&& this.messageLength <= SMALL_MESSAGE) {
						this.message = new byte[Math.max(SMALL_MESSAGE, this.messageLength)];
					}
				}
				continue;
			}
			int n = Math.min(end - offset, this.messageLength - this.messageFill);
			System.arraycopy(buf, offset, this.message, this.messageFill, n);
			this.messageFill += n;
			offset += n;
			if (this.messageFill == this.messageLength) {
				this.headerFill = 0;
				this.receiver.message(this.message, 0, this.messageLength);
			}
		}
	}

	private void checkLength(int len) {
		if (len <= 0 || len > this.maxMessage) {
			throw new ProtocolException("sent a message of " + Integer.toUnsignedString(len)
					+ " bytes; the maximum is " + this.maxMessage);
		}
	}

	/** Seals everything in {@code out} into records, hands them to the sink and clears {@code out}. */
	void seal(Output out) {
		int size = out.size();
		if (size == 0) {
			return;
		}
		int records = (size + MAX_PLAINTEXT - 1) / MAX_PLAINTEXT;
		byte[] wire = new byte[size + records * (2 + NoiseTransport.OVERHEAD)];
		int at = 0;
		for (int from = 0; from < size; from += MAX_PLAINTEXT) {
			int n = Math.min(MAX_PLAINTEXT, size - from);
			at = sealRecord(out.buffer(), from, n, wire, at);
		}
		out.clear();
		send(wire);
	}

	/** Sends a record with no plaintext: keeps an idle session's timer from firing on the peer. */
	void keepAlive() {
		byte[] wire = new byte[2 + NoiseTransport.OVERHEAD];
		sealRecord(new byte[0], 0, 0, wire, 0);
		send(wire);
	}

	private int sealRecord(byte[] in, int from, int n, byte[] wire, int at) {
		int sealed = n + NoiseTransport.OVERHEAD;
		wire[at] = (byte) (sealed >>> 8);
		wire[at + 1] = (byte) sealed;
		try {
			this.transport.encrypt(in, from, n, wire, at + 2);
		}
		catch (NoiseException ex) {
			throw new IllegalStateException("Cannot seal a record: " + ex.getMessage(), ex);
		}
		return at + 2 + sealed;
	}

	private void send(byte[] wire) {
		this.bytesSent += wire.length;
		this.sink.accept(wire);
	}
}
