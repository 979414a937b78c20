package dev.kappa.internal.replication;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a session's own thread of control, so its
 * state needs no locks and its storage work (disk reads, hashing, verification, fsync) never runs on a Netty
 * event loop.
 */
final class SerialExecutor implements Executor {

	private final Executor pool;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			this.pool.execute(this::drain);
		}
	}

	private void drain() {
		try {
			Runnable task;
			// A bounded turn, so one busy session cannot starve the pool's other work.
			for (int i = 0; i < 256 && (task = this.tasks.poll()) != null; i++) {
				task.run();
			}
		}
		finally {
			this.scheduled.set(false);
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}
}
