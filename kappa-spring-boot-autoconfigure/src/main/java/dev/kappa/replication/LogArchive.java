package dev.kappa.replication;

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
import dev.kappa.log.EntryBatch;
import dev.kappa.log.ForkException;
import dev.kappa.log.SignedLog;

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
				SignedLog.Head head = log.head();
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
		Map<LogKey, SignedLog> heads = new HashMap<>();
		long offset = 0;
		int created = 0;
		long stored = 0;
		try (InputStream raw = Files.newInputStream(file);
				DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
			byte[] magic = new byte[MAGIC.length + 2];
			in.readFully(magic);
			if (!Arrays.equals(magic, 0, MAGIC.length, MAGIC, 0, MAGIC.length) || magic[8] != 0 || magic[9] != VERSION) {
				throw new ProtocolException("is not a kappa log archive of version " + VERSION);
			}
			offset = magic.length;
			while (true) {
				int length = in.readInt();
				if (length <= 0 || length > node.options.maxMessageBytes()) {
					throw new ProtocolException("holds a message of " + Integer.toUnsignedString(length) + " bytes");
				}
				byte[] body = new byte[length];
				in.readFully(body);
				Input input = new Input(body, 1, length - 1, Messages.name(body[0] & 0xff));
				switch (body[0] & 0xff) {
					case Messages.HAVE -> {
						for (Messages.Head head : Messages.have(input)) {
							SignedLog local = node.store.find(head.key()).orElse(null);
							if (!Verification.head(head, local)) {
								throw new ProtocolException("holds a head of log " + head.key() + " whose signature does not verify");
							}
							heads.put(head.key(), local); // a replica is created by its first verified chunk
						}
					}
					case Messages.DATA -> {
						Messages.Data data = Messages.data(input);
						if (!heads.containsKey(data.key())) {
							throw new ProtocolException("holds entries of log " + data.key() + " before its head");
						}
						SignedLog log = heads.get(data.key());
						if (log == null) {
							log = Verification.replicaFor(node.store, data, node.options.maxLogs());
							if (log == null) {
								throw new ProtocolException("holds log " + data.key() + ", but this node already holds "
										+ node.options.maxLogs() + " logs (kappa.replication.max-logs)");
							}
							heads.put(data.key(), log);
							created++;
						}
						if (!log.writable()) {
							stored += Verification.store(log, data);
						}
					}
					case Messages.DONE -> {
						return new ReplicationResult("file:" + file, created, stored, 0, offset + 4 + length, 0);
					}
					default -> throw new ProtocolException("holds a message of unknown " + Messages.name(body[0] & 0xff));
				}
				offset += 4 + length;
			}
		}
		catch (EOFException ex) {
			throw new ReplicationException("Cannot import " + file + ": it ends early, at byte " + offset + " (truncated)");
		}
		catch (ProtocolException ex) {
			throw new ReplicationException("Cannot import " + file + ": at byte " + offset + " it "
					+ ex.getMessage().replace("sent entries", "holds entries"));
		}
		catch (ForkException ex) {
			String where;
			try {
				where = "evidence kept in " + node.forks.record(ex.evidence(), "file:" + file);
			}
			catch (IOException | RuntimeException io) {
				where = "the evidence could not be written (" + Session.describe(io) + ")";
			}
			throw new ReplicationException("Cannot import " + file + ": it holds a second signed history of log "
					+ ex.evidence().log() + " (a fork); " + where);
		}
		catch (IOException ex) {
			throw new ReplicationException("Cannot import " + file + ": " + ex.getMessage(), ex);
		}
	}
}
