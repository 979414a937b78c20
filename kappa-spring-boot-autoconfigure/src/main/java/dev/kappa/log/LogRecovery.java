package dev.kappa.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.crypto.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks run when a log is opened. Every batch frame of the data file is walked and its CRC checked;
 * frames the recovery point covers must agree with the offsets index; frames after it are replayed into the
 * index and tree (re-hashing their entries and verifying their signatures); the last signature must verify
 * over the tree's roots.
 * <p>
 * Only a torn tail, which a crash leaves, is repaired: an unfinished frame at the end of the data file is
 * cut off and logged. Anything else (a checksum, hash or signature that does not match, an index that
 * disagrees with the data) throws {@link CorruptLogException} naming the file and offset.
 */
final class LogRecovery {

	private static final Logger logger = LoggerFactory.getLogger(LogRecovery.class);

	/** How a log was found. */
	record Result(MerkleTree tree, long dataEnd, byte[] signature, RecoveryPoint recoveryPoint) {
	}

	private final String log;

	private final Path dir;

	private final LogChannel data;

	private final OffsetIndex index;

	private final TreeFile tree;

	private final Ed25519.Verifier verifier;

	private final FileWindow frames;

	private final FileWindow indexWindow;

	private final LogOptions options;

	private LogRecovery(LogKey key, Path dir, LogChannel data, OffsetIndex index, TreeFile tree, LogOptions options) {
		this.options = options;
		this.log = key.toString();
		this.dir = dir;
		this.data = data;
		this.index = index;
		this.tree = tree;
		this.verifier = Ed25519.Verifier.of(key.bytes());
		this.frames = new FileWindow(data);
		this.indexWindow = new FileWindow(index.file());
	}

	static Result recover(LogKey key, Path dir, LogChannel data, OffsetIndex index, TreeFile tree, LogOptions options)
			throws IOException {
		return new LogRecovery(key, dir, data, index, tree, options).run();
	}

	private Result run() throws IOException {
		RecoveryPoint point = RecoveryPoint.read(this.dir, this.log);
		if (point == null) {
			point = new RecoveryPoint(0, SignedLog.DATA_HEADER);
		}
		checkRecoveryPoint(point);
		long size = this.data.size();
		long pos = SignedLog.DATA_HEADER;
		long seq = 0;
		byte[] signature = null;
		MerkleTree replay = null;
		long replayed = 0;
		String torn = null;
		List<TreeNode> created = new ArrayList<>();
		while (pos < size) {
			torn = tornAt(pos, size);
			if (torn != null) {
				break;
			}
			byte[] buf = this.frames.buffer();
			int at = this.frames.offsetOf(pos);
			int frameLength = Frame.getInt(buf, at + 4);
			long start = Frame.getLong(buf, at + 8);
			int count = Frame.getInt(buf, at + 16);
			checkFrame(pos, frameLength, seq);
			buf = this.frames.buffer();
			at = this.frames.offsetOf(pos);
			signature = java.util.Arrays.copyOfRange(buf, at + frameLength - Frame.TRAILER, at + frameLength - 4);
			if (pos + frameLength <= point.dataEnd()) {
				checkIndex(buf, at, pos, start, count, point);
			}
			else {
				if (replay == null) {
					replay = treeAt(point, pos);
				}
				replayFrame(buf, at, pos, frameLength, start, count, replay, created);
				replayed += count;
			}
			seq = start + count;
			pos += frameLength;
		}
		if (pos < point.dataEnd()) {
			throw new CorruptLogException(this.log, this.data.path(), pos,
					"the data file ends before the recovery point (" + point.dataEnd() + ")");
		}
		if (torn != null) {
			logger.warn("Log {}: cut {} bytes at offset {} of {}: {} (a batch that was never acknowledged)", this.log,
					size - pos, pos, this.data.path(), torn);
			this.data.truncate(pos);
			this.data.force();
		}
		MerkleTree merkle = replay != null ? replay : MerkleTree.ofLength(seq, 0, this.tree);
		if (signature != null && !this.verifier.verify(signature, merkle.signable())) {
			throw new CorruptLogException(this.log, this.tree.path(), TreeFile.position(2 * seq - 2),
					"the tree's roots at length " + seq + " do not match the last batch's signature");
		}
		this.index.truncate(seq);
		this.tree.truncate(seq);
		if (replayed > 0 || torn != null) {
			this.index.force();
			this.tree.force();
			point = new RecoveryPoint(seq, pos);
			point.write(this.options.io(), this.dir);
			if (replayed > 0) {
				logger.info("Log {}: rebuilt the index and tree for {} entries after the last recovery point", this.log,
						replayed);
			}
		}
		return new Result(merkle, pos, signature, point);
	}

	private void checkRecoveryPoint(RecoveryPoint point) {
		Path file = this.dir.resolve(RecoveryPoint.FILE);
		if (point.dataEnd() < SignedLog.DATA_HEADER || point.dataEnd() > this.data.size()) {
			throw new CorruptLogException(this.log, file, 0, "the recovery point's data end " + point.dataEnd()
					+ " lies outside " + this.data.path() + " (" + this.data.size() + " bytes)");
		}
		if (point.length() > this.index.entries()) {
			throw new CorruptLogException(this.log, this.index.path(), OffsetIndex.position(this.index.entries()),
					"the index holds " + this.index.entries() + " entries but the recovery point covers " + point.length());
		}
		long slots = point.length() == 0 ? 0 : 2 * point.length() - 1;
		if (this.tree.slots() < slots) {
			throw new CorruptLogException(this.log, this.tree.path(), TreeFile.position(this.tree.slots()),
					"the tree holds " + this.tree.slots() + " nodes but the recovery point covers " + point.length() + " entries");
		}
	}

	/** Why the bytes at {@code pos} are an unfinished frame, or {@code null} if a whole frame header is there. */
	private String tornAt(long pos, long size) throws IOException {
		long remaining = size - pos;
		if (remaining < Frame.HEADER) {
			return "an incomplete frame header";
		}
		this.frames.load(pos, Frame.HEADER);
		byte[] buf = this.frames.buffer();
		int at = this.frames.offsetOf(pos);
		if (Frame.getInt(buf, at) != Frame.MAGIC) {
			if (this.frames.allZero(pos, size)) {
				return "zero bytes where the next frame would start";
			}
			throw new CorruptLogException(this.log, this.data.path(), pos, "no batch frame starts here (bad magic)");
		}
		int frameLength = Frame.getInt(buf, at + 4);
		if (frameLength > 0 && pos + frameLength > size && frameLength <= Frame.MAX_LENGTH) {
			return "a frame of " + frameLength + " bytes cut off by the end of the file";
		}
		return null;
	}

	private void checkFrame(long pos, int frameLength, long expectedSeq) throws IOException {
		int loaded = (int) Math.min(Math.min(Math.max(frameLength, Frame.HEADER), Frame.MAX_LENGTH), this.data.size() - pos);
		this.frames.load(pos, loaded);
		String problem = Frame.problem(this.frames.buffer(), this.frames.offsetOf(pos), loaded, expectedSeq);
		if (problem != null) {
			throw new CorruptLogException(this.log, this.data.path(), pos, problem);
		}
	}

	/** A frame the recovery point covers: its entries must be exactly where the index says. */
	private void checkIndex(byte[] buf, int at, long pos, long start, int count, RecoveryPoint point) throws IOException {
		long entryPos = pos + Frame.entriesOffset(count);
		this.indexWindow.load(OffsetIndex.position(start), count * OffsetIndex.ENTRY);
		byte[] ix = this.indexWindow.buffer();
		int base = this.indexWindow.offsetOf(OffsetIndex.position(start));
		for (int i = 0; i < count; i++) {
			int size = Frame.getInt(buf, at + Frame.HEADER + 4 * i);
			long offset = Frame.getLong(ix, base + i * OffsetIndex.ENTRY);
			int stored = Frame.getInt(ix, base + i * OffsetIndex.ENTRY + 8);
			int expected = i == count - 1 ? size | 0x80000000 : size;
			if (offset != entryPos || stored != expected) {
				throw new CorruptLogException(this.log, this.index.path(), OffsetIndex.position(start + i),
						"the offsets index disagrees with the data for entry " + (start + i) + " (index says offset "
								+ offset + ", the data file has it at " + entryPos + ")");
			}
			entryPos += size;
		}
		if (pos + (long) Frame.getInt(buf, at + 4) == point.dataEnd() && start + count != point.length()) {
			throw new CorruptLogException(this.log, this.dir.resolve(RecoveryPoint.FILE), 16,
					"the recovery point covers " + point.length() + " entries but its data end falls after entry "
							+ (start + count));
		}
	}

	private MerkleTree treeAt(RecoveryPoint point, long pos) {
		if (pos != point.dataEnd()) {
			throw new CorruptLogException(this.log, this.data.path(), pos,
					"the recovery point's data end " + point.dataEnd() + " is not at a frame boundary");
		}
		return MerkleTree.ofLength(point.length(), 0, this.tree);
	}

	/** A frame after the recovery point: re-hash it, verify its signature, rewrite its index and tree entries. */
	private void replayFrame(byte[] buf, int at, long pos, int frameLength, long start, int count, MerkleTree replay,
			List<TreeNode> created) throws IOException {
		created.clear();
		byte[] entries = new byte[count * OffsetIndex.ENTRY];
		int entryAt = at + Frame.entriesOffset(count);
		for (int i = 0; i < count; i++) {
			int size = Frame.getInt(buf, at + Frame.HEADER + 4 * i);
			replay.append(buf, entryAt, size, created);
			OffsetIndex.put(entries, i, pos + (entryAt - at), size, i == count - 1);
			entryAt += size;
		}
		byte[] signature = java.util.Arrays.copyOfRange(buf, at + frameLength - Frame.TRAILER, at + frameLength - 4);
		if (!this.verifier.verify(signature, replay.signable())) {
			throw new CorruptLogException(this.log, this.data.path(), pos + frameLength - Frame.TRAILER,
					"the signature of the batch frame of entries " + start + ".." + (start + count - 1) + " does not verify");
		}
		this.index.write(start, entries, count);
		this.tree.write(created);
	}
}
