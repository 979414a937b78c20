package dev.kappa.internal.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import dev.kappa.core.KappaException;

/**
 * The queue of group commit: appenders queue their batches, and whichever thread holds the log's commit lock
 * takes what is queued (about half a frame's worth, at least one batch) and writes it, keeping queue order.
 */
final class GroupCommit implements Commits {

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

	private final SignedLog log;

	private final ReentrantLock lock;

	private final AppendListener listener;

	/**
	 * @param lock the log's commit lock
	 * @param listener told of the new length after each append
	 */
	GroupCommit(SignedLog log, ReentrantLock lock, AppendListener listener) {
		this.log = log;
		this.lock = lock;
		this.listener = listener;
	}

	/**
	 * Queues {@code entries} and returns once they are written: by this thread (taking the lock and writing what
	 * is queued) or by another holder of the lock meanwhile.
	 * @throws RuntimeException the error the write met for the group holding them
	 */
	@Override
	public long append(List<byte[]> entries) {
		Request request = new Request(entries);
		this.pending.add(request);
		this.lock.lock();
		try {
			if (!request.done) {
				commitPending();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (request.error != null) {
			throw request.error;
		}
		this.listener.appended(this.log, this.log.length());
		return request.firstSeq;
	}

	/** Writes everything queued now as one group; each request of the group gets its outcome. Holds the lock. */
	private void commitPending() {
		List<Request> group = new ArrayList<>();
		List<byte[]> entries = takeGroup(group, this.log.length());
		try {
			this.log.writeFrames(entries);
		}
		catch (RuntimeException ex) {
			group.forEach(r -> r.error = ex);
		}
		catch (Error error) {
			// Not swallowed: it goes on to the caller; the other appends of the group fail with it.
			KappaException failed = new KappaException("Log " + this.log.key() + ": the append failed on " + error, error);
			group.forEach(r -> r.error = failed);
			throw error;
		}
		finally {
			group.forEach(r -> r.done = true);
		}
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
