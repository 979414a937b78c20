package dev.kappa.internal.replication;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.kappa.core.LogKey;
import dev.kappa.core.ReplicationResult;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;

/**
 * All logs of a database in one file, for moving data without a network (docs/protocol.md, "Archive"): the
 * 8 bytes {@code KAPPAARC}, a u16 version (1), then the protocol's own messages, length-prefixed as in the
 * message stream but not encrypted: per log a HAVE with its signed head followed by the DATA chunks up to it,
 * and DONE at the end. Importing applies the same checks as a session: heads and chunks verify before
 * anything is stored, forks are recorded, one's own writable logs are left alone.
 */
final class LogArchive {

	static final byte[] MAGIC = "KAPPAARC".getBytes(StandardCharsets.US_ASCII);

	static final int VERSION = 1;

	private LogArchive() {
	}

	/** Writes every non-empty log of the node to {@code file} (via a temporary file, renamed at the end). */
	static ReplicationResult export(Node node, Path file) throws IOException {
		Path tmp = file.resolveSibling(".tmp-" + file.getFileName());
		int logs = 0;
		long entries = 0;
		long bytes;
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
			out.write(MAGIC);
			out.write(new byte[] { 0, (byte) VERSION });
			bytes = MAGIC.length + 2;
			Output message = new Output(1 << 20);
			EntryBatch batch = new EntryBatch();
			for (SignedLog log : node.store.logs()) {
				LogHead head = log.head();
				if (head.length() == 0 || !log.passesOn()) {
					continue; // followed from a hypercore peer as a manifest log or in signed groups (docs/format.md)
				}
				logs++;
				Messages.have(message, List.of(new Messages.Head(log.key(), head.length(), head.fork(), head.treeHash(),
						head.signature())));
				for (long next = 0; next < head.length(); next = batch.end()) {
					log.readChunk(next, node.options.chunkBytes(), batch);
					Messages.data(message, log.key(), batch, head.fork(), next == 0 ? null : log.rootsAt(next));
					entries += batch.count();
					bytes += drain(message, out);
				}
				bytes += drain(message, out);
			}
			Messages.empty(message, Messages.DONE);
			bytes += drain(message, out);
		}
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		return new ReplicationResult("file:" + file, 0, 0, entries, 0, bytes);
	}

	private static int drain(Output message, OutputStream out) throws IOException {
		int n = message.size();
		out.write(message.buffer(), 0, n);
		message.clear();
		message.trim(1 << 20);
		return n;
	}

	/**
	 * Reads an archive into the node's logs, verifying everything first.
	 * @throws ReplicationException naming the file, the byte offset and the problem; what verified before the
	 * problem stays stored
	 */
	static ReplicationResult importFrom(Node node, Path file) {
		Import run = new Import(node, file);
		try (InputStream raw = Files.newInputStream(file);
				DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
			return run.read(in);
		}
		catch (EOFException ex) {
			throw new ReplicationException("Cannot import " + file + ": it ends early, at byte " + run.offset + " (truncated)");
		}
		catch (ProtocolException ex) {
			throw new ReplicationException("Cannot import " + file + ": at byte " + run.offset + " it " + ex.getMessage());
		}
		catch (Inbound.ForkDetected ex) {
			throw new ReplicationException("Cannot import " + file + ": it holds a second signed history of log "
					+ ex.log + " (a fork); " + ex.where);
		}
		catch (IOException ex) {
			throw new ReplicationException("Cannot import " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** One import: the messages of one file, in order, through an {@link Inbound}. */
	private static final class Import {

		private final Node node;

		private final Path file;

		private final Inbound inbound;

		/** The logs whose HAVE was read, and the node's copy (null until the first verified chunk creates it). */
		private final Map<LogKey, SignedLog> heads = new HashMap<>();

		long offset;

		private int created;

		private long stored;

		Import(Node node, Path file) {
			this.node = node;
			this.file = file;
			this.inbound = new Inbound(node, "file:" + file, "holds");
		}

		ReplicationResult read(DataInputStream in) throws IOException {
			byte[] magic = new byte[MAGIC.length + 2];
			in.readFully(magic);
			if (!Arrays.equals(magic, 0, MAGIC.length, MAGIC, 0, MAGIC.length) || magic[8] != 0 || magic[9] != VERSION) {
				throw new ProtocolException("is not a kappa log archive of version " + VERSION);
			}
			this.offset = magic.length;
			while (true) {
				int length = in.readInt();
				if (length <= 0 || length > this.node.options.maxMessageBytes()) {
					throw new ProtocolException("holds a message of " + Integer.toUnsignedString(length) + " bytes");
				}
				byte[] body = new byte[length];
				in.readFully(body);
				if (message(body)) {
					return new ReplicationResult("file:" + this.file, this.created, this.stored, 0,
							this.offset + 4 + length, 0);
				}
				this.offset += 4 + length;
			}
		}

		/** Applies one message; true at DONE. */
		private boolean message(byte[] body) {
			int type = body[0] & 0xff;
			Input input = new Input(body, 1, body.length - 1, Messages.name(type));
			switch (type) {
				case Messages.HAVE -> onHave(Messages.have(input));
				case Messages.DATA -> onData(Messages.data(input));
				case Messages.DONE -> {
					return true;
				}
				default -> throw new ProtocolException("holds a message of unknown " + Messages.name(type));
			}
			return false;
		}

		private void onHave(List<Messages.Head> heads) {
			this.inbound.verify(heads);
			for (Messages.Head head : heads) {
				this.heads.put(head.key(), this.inbound.held(head.key())); // a replica is created by its first verified chunk
			}
		}

		private void onData(Messages.Data data) {
			if (!this.heads.containsKey(data.key())) {
				throw new ProtocolException("holds entries of log " + data.key() + " before its head");
			}
			if (!this.inbound.accepts(data.key())) {
				return; // one's own writable log: left alone
			}
			SignedLog log = this.heads.get(data.key());
			if (log == null) {
				log = this.inbound.replicaFor(data);
				if (log == null) {
					throw new ProtocolException("holds log " + data.key() + ", but this node already holds "
							+ this.node.options.maxLogs() + " logs (kappa.replication.max-logs)");
				}
				this.heads.put(data.key(), log);
				this.created++;
			}
			this.stored += this.inbound.store(log, data);
		}
	}
}
