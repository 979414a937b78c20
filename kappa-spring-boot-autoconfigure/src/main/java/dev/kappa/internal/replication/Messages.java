package dev.kappa.internal.replication;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.TreeNode;

/**
 * The application messages of the replication protocol (docs/protocol.md, "Messages"): their type codes, and
 * per message its writer (laying it out in an {@link Output}) beside its reader (reading it back from an
 * {@link Input}), so a layout is written in one place. Every multi-byte integer is big-endian.
 */
final class Messages {

	static final int HELLO = 1;

	static final int HAVE = 2;

	static final int HAVE_END = 3;

	static final int WANT = 4;

	static final int DATA = 5;

	static final int CREDIT = 6;

	static final int DONE = 7;

	static final int ERROR = 8;

	/** The protocol version in HELLO. */
	static final int VERSION = 1;

	static final int FLAG_LIVE = 1;

	/** Heads in one HAVE message. */
	static final int MAX_HEADS = 1024;

	/** Merkle roots in one DATA message (a tree of up to 2^64 leaves has at most 64). */
	static final int MAX_ROOTS = 64;

	/** Bytes of an ERROR reason. */
	static final int MAX_REASON = 1024;

	static final int HEAD_BYTES = 32 + 8 + 8 + 32 + 64;

	private Messages() {
	}

	/** A log's signed head as announced in HAVE. */
	record Head(LogKey key, long length, long fork, byte[] treeHash, byte[] signature) {
	}

	/** A signed chunk of entries as carried by DATA. */
	record Data(LogKey key, long start, long fork, byte[] signature, List<TreeNode> roots, List<byte[]> entries) {
	}

	static String name(int type) {
		return switch (type) {
			case HELLO -> "HELLO";
			case HAVE -> "HAVE";
			case HAVE_END -> "HAVE_END";
			case WANT -> "WANT";
			case DATA -> "DATA";
			case CREDIT -> "CREDIT";
			case DONE -> "DONE";
			case ERROR -> "ERROR";
			default -> "type " + type;
		};
	}

	// ------------------------------------------------------------------ HELLO: u16 version, u8 flags

	static void hello(Output out, boolean live) {
		out.begin(HELLO).u16(VERSION).u8(live ? FLAG_LIVE : 0).end();
	}

	/** Reads HELLO; returns its flags. */
	static int hello(Input in) {
		int version = in.u16();
		if (version != VERSION) {
			throw new ProtocolException("speaks replication protocol version " + version + ", this node speaks " + VERSION);
		}
		int flags = in.u8();
		return flags;
	}

	// ------------------------------------------------------------------ HAVE: u16 count, count x head

	/** One HAVE message with up to {@link #MAX_HEADS} heads. */
	static void have(Output out, List<Head> heads) {
		out.begin(HAVE).u16(heads.size());
		for (Head h : heads) {
			out.bytes(h.key().bytes()).u64(h.length()).u64(h.fork()).bytes(h.treeHash()).bytes(h.signature());
		}
		out.end();
	}

	static List<Head> have(Input in) {
		int count = in.u16();
		if (count == 0 || count > MAX_HEADS) {
			throw new ProtocolException("malformed HAVE message (" + count + " heads; 1 to " + MAX_HEADS + " allowed)");
		}
		List<Head> heads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			LogKey key = new LogKey(in.bytes(32));
			long length = in.u64();
			long fork = in.u64();
			if (length <= 0) {
				throw new ProtocolException("malformed HAVE message (log " + key + " announced with length " + length + ")");
			}
			heads.add(new Head(key, length, fork, in.bytes(32), in.bytes(64)));
		}
		in.done();
		return heads;
	}

	// ------------------------------------------------------------------ HAVE_END and DONE: no body

	static void empty(Output out, int type) {
		out.begin(type).end();
	}

	// ------------------------------------------------------------------ WANT: key, u64 from

	static void want(Output out, LogKey key, long from) {
		out.begin(WANT).bytes(key.bytes()).u64(from).end();
	}

	record Want(LogKey key, long from) {
	}

	static Want want(Input in) {
		Want want = new Want(new LogKey(in.bytes(32)), in.u64());
		in.done();
		if (want.from() < 0) {
			throw new ProtocolException("malformed WANT message (negative seq)");
		}
		return want;
	}

	// ------------------------------------------------------------------ DATA: one signed chunk

	/** A DATA message with the entries of {@code batch}; returns the message length (for flow control). */
	static int data(Output out, LogKey key, EntryBatch batch, long fork, List<TreeNode> roots) {
		out.begin(DATA).bytes(key.bytes()).u64(batch.first()).u64(fork).bytes(batch.signature());
		out.u8(roots == null ? 0 : roots.size());
		if (roots != null) {
			for (TreeNode root : roots) {
				out.u64(root.index()).u64(root.size()).bytes(root.hash());
			}
		}
		int count = batch.count();
		out.u32(count);
		long total = 0;
		for (int i = 0; i < count; i++) {
			out.u32(batch.length(i));
			total += batch.length(i);
		}
		out.ensure((int) total);
		byte[] buffer = batch.buffer();
		for (int i = 0; i < count; i++) {
			out.bytes(buffer, batch.offset(i), batch.length(i));
		}
		return out.end();
	}

	static Data data(Input in) {
		LogKey key = new LogKey(in.bytes(32));
		long start = in.u64();
		long fork = in.u64();
		byte[] signature = in.bytes(64);
		int rootCount = in.u8();
		if (rootCount > MAX_ROOTS) {
			throw new ProtocolException("malformed DATA message (" + rootCount + " roots)");
		}
		List<TreeNode> roots = null;
		if (rootCount > 0) {
			roots = new ArrayList<>(rootCount);
			for (int i = 0; i < rootCount; i++) {
				roots.add(new TreeNode(in.u64(), in.u64(), in.bytes(32)));
			}
		}
		long count = in.u32();
		if (start < 0 || count == 0 || count > in.remaining() / 4) {
			throw new ProtocolException("malformed DATA message (" + count + " entries from seq " + start + ")");
		}
		int n = (int) count;
		int[] lengths = new int[n];
		long total = 0;
		for (int i = 0; i < n; i++) {
			lengths[i] = (int) in.u32();
			total += lengths[i] & 0xffffffffL;
		}
		if (total != in.remaining()) {
			throw new ProtocolException("malformed DATA message (entry lengths add up to " + total + " bytes, "
					+ in.remaining() + " follow)");
		}
		List<byte[]> entries = new ArrayList<>(n);
		byte[] buf = in.buffer();
		int at = in.position();
		for (int i = 0; i < n; i++) {
			entries.add(java.util.Arrays.copyOfRange(buf, at, at + lengths[i]));
			at += lengths[i];
		}
		in.skip((int) total);
		return new Data(key, start, fork, signature, roots, entries);
	}

	// ------------------------------------------------------------------ CREDIT: u32 bytes

	static void credit(Output out, long bytes) {
		out.begin(CREDIT).u32(bytes).end();
	}

	static long credit(Input in) {
		long bytes = in.u32();
		in.done();
		if (bytes == 0) {
			throw new ProtocolException("malformed CREDIT message (zero bytes)");
		}
		return bytes;
	}

	// ------------------------------------------------------------------ ERROR: a UTF-8 reason

	static void error(Output out, String reason) {
		byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
		out.begin(ERROR).bytes(utf8, 0, Math.min(utf8.length, MAX_REASON)).end();
	}

	static String error(Input in) {
		int n = Math.min(in.remaining(), MAX_REASON);
		String reason = new String(in.bytes(n), StandardCharsets.UTF_8);
		return reason.replaceAll("[\\p{Cntrl}]", "?");
	}
}
