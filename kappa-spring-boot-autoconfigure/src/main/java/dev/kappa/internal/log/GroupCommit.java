package dev.kappa.internal.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The queue of group commit: appenders queue their batches, and whichever thread holds the log's commit lock
 * takes what is queued (about half a frame's worth, at least one batch) and writes it, keeping queue order.
 */
final class GroupCommit {

	/** One appender's batch and, once {@link #done}, its outcome. */
	static final class Request {

		final List<byte[]> entries;

		long firstSeq;

		RuntimeException error;

		boolean done;

		Request(List<byte[]> entries) {
			this.entries = entries;
		}
	}

	private final ConcurrentLinkedQueue<Request> pending = new ConcurrentLinkedQueue<>();

	Request enqueue(List<byte[]> entries) {
		Request request = new Request(entries);
		this.pending.add(request);
		return request;
	}

	/**
	 * Takes queued requests into {@code group}, numbering their entries from {@code length}; returns the
	 * entries. Called under the commit lock.
	 */
	List<byte[]> takeGroup(List<Request> group, long length) {
		List<byte[]> entries = new ArrayList<>();
		long bytes = 0;
		Request next;
		while ((next = this.pending.peek()) != null && (group.isEmpty() || bytes < Frame.MAX_LENGTH / 2)) {
			this.pending.poll();
			next.firstSeq = length + entries.size();
			group.add(next);
			entries.addAll(next.entries);
			for (byte[] e : next.entries) {
				bytes += e.length + 4;
			}
		}
		return entries;
	}
}
