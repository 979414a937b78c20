package dev.kappa.internal.indexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;

/**
 * Where one view is in each log (the next seq to process, as committed), what is left to process, and the
 * {@code ready()} futures waiting for it to reach given lengths.
 */
final class Checkpoints {

	private final Map<LogKey, Long> next = new ConcurrentHashMap<>();

	private record Waiter(Map<LogKey, Long> targets, CompletableFuture<Void> future) {
	}

	// Guarded by this.
	private final List<Waiter> waiters = new ArrayList<>();

	long get(LogKey log) {
		return this.next.getOrDefault(log, 0L);
	}

	/** Forgets every checkpoint (the view starts over). */
	void clear() {
		this.next.clear();
	}

	void load(Map<LogKey, Long> stored) {
		this.next.putAll(stored);
	}

	boolean reached(Map<LogKey, Long> targets) {
		for (Map.Entry<LogKey, Long> target : targets.entrySet()) {
			if (get(target.getKey()) < target.getValue()) {
				return false;
			}
		}
		return true;
	}

	/** How many entries {@link #advance} of {@code committed} moves the checkpoints on by. */
	long count(Map<LogKey, Long> committed) {
		long done = 0;
		for (Map.Entry<LogKey, Long> e : committed.entrySet()) {
			done += e.getValue() - get(e.getKey());
		}
		return done;
	}

	/**
	 * Moves the checkpoints to {@code committed} and completes the waiters that are now reached.
	 * @return how many entries that moved them by
	 */
	long advance(Map<LogKey, Long> committed) {
		long done = count(committed);
		this.next.putAll(committed);
		synchronized (this) {
			Iterator<Waiter> it = this.waiters.iterator();
			while (it.hasNext()) {
				Waiter w = it.next();
				if (reached(w.targets())) {
					w.future().complete(null);
					it.remove();
				}
			}
		}
		return done;
	}

	/** Completes {@code future} once {@code targets} are reached (at once if they are). */
	void await(Map<LogKey, Long> targets, CompletableFuture<Void> future) {
		synchronized (this) {
			if (reached(targets)) {
				future.complete(null);
			}
			else {
				this.waiters.add(new Waiter(targets, future));
			}
		}
	}

	/** Entries of all logs not yet processed, once {@code committed} is (checkpoints it moves to). */
	long backlog(LogStore store, Map<LogKey, Long> committed) {
		long backlog = 0;
		for (SignedLog log : store.logs()) {
			long at = Math.max(get(log.key()), committed.getOrDefault(log.key(), 0L));
			backlog += Math.max(0, log.length() - at);
		}
		return backlog;
	}

	/** The next batch: consecutive unprocessed entries of each log, up to {@code batchSize} in all. */
	List<IndexingBatch.Slice> plan(LogStore store, long batchSize) {
		List<IndexingBatch.Slice> plan = new ArrayList<>();
		long budget = batchSize;
		for (SignedLog log : store.logs()) {
			long from = get(log.key());
			long to = Math.min(log.length(), from + budget);
			if (to > from) {
				plan.add(new IndexingBatch.Slice(log, from, to));
				budget -= to - from;
				if (budget == 0) {
					break;
				}
			}
		}
		return plan;
	}

	/** The length of every log: the targets of a {@code ready()} for what is present now. */
	static Map<LogKey, Long> lengths(LogStore store) {
		Map<LogKey, Long> lengths = new HashMap<>();
		for (SignedLog log : store.logs()) {
			lengths.put(log.key(), log.length());
		}
		return lengths;
	}

	/** Fails every waiter (the view failed or closed). */
	synchronized void failWaiters(KappaException error) {
		for (Waiter w : this.waiters) {
			w.future().completeExceptionally(error);
		}
		this.waiters.clear();
	}
}
