package dev.kappa.internal.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame being written, reused from batch to batch: lays entries out as a {@link Frame}, hashes them into
 * a tree (collecting the nodes they create), seals the frame with its signature and lays out its
 * {@link OffsetIndex} entries. Not thread-safe: a log uses it under its commit lock.
 */
final class FrameWriter {

	private byte[] frame = new byte[64 * 1024];

	private byte[] indexEntries = new byte[1024 * OffsetIndex.ENTRY];

	private final ArrayList<TreeNode> created = new ArrayList<>();

	/** The frame bytes laid out by {@link #layout}. */
	byte[] bytes() {
		return this.frame;
	}

	/** The tree nodes the last {@link #hashInto} created. */
	List<TreeNode> created() {
		return this.created;
	}

	/** The end of the entries {@code [from, to)} that fit in one frame (at least one). */
	static int frameEnd(List<byte[]> entries, int from) {
		long bytes = 0;
		int to = from;
		while (to < entries.size()) {
			long next = bytes + entries.get(to).length;
			if (to > from && Frame.exactLength(to - from + 1, next) > Frame.MAX_LENGTH) {
				break;
			}
			bytes = next;
			to++;
		}
		return to;
	}

	/** The length of a frame holding all of {@code entries} (may exceed {@link Frame#MAX_LENGTH}). */
	static long frameLength(List<byte[]> entries) {
		long bytes = 0;
		for (byte[] entry : entries) {
			bytes += entry.length;
		}
		return Frame.exactLength(entries.size(), bytes);
	}

	/** Lays out entries {@code [from, to)} as the frame starting at seq {@code start}; returns its length. */
	int layout(long start, List<byte[]> entries, int from, int to, int fork) {
		int count = to - from;
		long bytes = 0;
		for (int i = from; i < to; i++) {
			bytes += entries.get(i).length;
		}
		int frameLength = Frame.length(count, bytes);
		if (this.frame.length < frameLength) {
			this.frame = new byte[Math.max(frameLength, this.frame.length * 2)];
		}
		Frame.putHeader(this.frame, frameLength, start, count, fork);
		int at = Frame.entriesOffset(count);
		for (int i = from; i < to; i++) {
			byte[] entry = entries.get(i);
			Frame.putEntryLength(this.frame, 0, i - from, entry.length);
			System.arraycopy(entry, 0, this.frame, at, entry.length);
			at += entry.length;
		}
		return frameLength;
	}

	/** Appends the {@code count} entries laid out to {@code tree}, collecting the new nodes in {@link #created()}. */
	void hashInto(MerkleTree tree, int count) {
		this.created.clear();
		int at = Frame.entriesOffset(count);
		for (int i = 0; i < count; i++) {
			int size = Frame.entryLength(this.frame, 0, i);
			tree.append(this.frame, at, size, this.created);
			at += size;
		}
	}

	/** Writes the frame's trailer (signature and CRC32C). */
	void seal(int frameLength, byte[] signature) {
		Frame.seal(this.frame, frameLength, signature);
	}

	/** The offsets index entries of the {@code count} entries laid out, for the frame written at {@code frameStart}. */
	byte[] indexEntries(long frameStart, int count) {
		if (this.indexEntries.length < count * OffsetIndex.ENTRY) {
			this.indexEntries = new byte[count * OffsetIndex.ENTRY];
		}
		OffsetIndex.putFrame(this.indexEntries, this.frame, 0, frameStart, count);
		return this.indexEntries;
	}

	/**
	 * Seals the frame laid out (of {@code count} entries from seq {@code start}) with {@code signature} and writes
	 * it at {@code at} in the data file, then its index entries and the tree nodes hashed into it.
	 * @return where the data file now ends
	 */
	long write(LogFiles files, int frameLength, byte[] signature, long start, int count, long at) throws IOException {
		seal(frameLength, signature);
		files.data().write(this.frame, 0, frameLength, at);
		files.index().write(start, indexEntries(at, count), count);
		files.tree().write(created());
		return at + frameLength;
	}

	/**
	 * Writes {@code entries} from seq {@code start} as a signed group at {@code at} in the data file (docs/format.md,
	 * "Covered frames"): covered frames (no signature of their own), then one signed by {@code signature}, each with
	 * its index entries and the tree nodes it adds to {@code tree} (the log's tree at {@code start}); returns the
	 * group's end. The caller forces.
	 */
	long writeGroup(LogFiles files, MerkleTree tree, long start, List<byte[]> entries, byte[] signature, long at)
			throws IOException {
		byte[] none = new byte[signature.length];
		int fork = (int) tree.fork();
		for (int from = 0, to; from < entries.size(); from = to) {
			to = frameEnd(entries, from);
			boolean last = to == entries.size();
			int length = layout(start + from, entries, from, to, last ? fork : fork | Frame.COVERED);
			hashInto(tree, to - from);
			at = write(files, length, last ? signature : none, start + from, to - from, at);
		}
		return at;
	}
}
