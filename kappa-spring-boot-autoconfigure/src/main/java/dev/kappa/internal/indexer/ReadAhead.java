package dev.kappa.internal.indexer;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read stage of one view's indexing: while the view's thread runs handlers and SQL over one chunk of a log,
 * a thread of a shared executor reads the next chunk (the log's leaf-hash checks included) and decodes its
 * payloads ({@link PayloadDecoder}), so that the view's thread finds it ready.
 * <p>
 * Bounded: at most {@link #DEPTH} chunks are read ahead of the one the view's thread holds, each of at most
 * {@link #READ_ENTRIES} entries and {@link #READ_BYTES} bytes. Reads ahead follow one log, from the end of the
 * chunk handed out last, up to the log's published length (its entries never change), and may run past the end
 * of the current batch into the next one. A request for anything else drops what was read ahead.
 * <p>
 * A read ahead that fails is never reported by itself: the view's thread reads those entries again, exactly
 * as it would without read-ahead (the same bounds), so a corrupt entry stops the view in the batch that holds
 * it, naming the log and the seq. A chunk's decoded values are handed out once: a request that goes back
 * (a batch re-run after a failure) is read and decoded afresh. Nothing waits by spinning: the view's thread
 * either runs a read that has not started yet itself or waits on a condition for the one under way.
 * <p>
 * All methods but those of {@link Chunk} are called by the view's thread only.
 */
final class ReadAhead implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReadAhead.class);

	/** Most bytes of entries per chunk. */
	static final int READ_BYTES = 4 << 20;

	/** Most entries per chunk: bounds the index, leaf-hash and tree scratch of a chunk of tiny entries. */
	static final int READ_ENTRIES = 1 << 15;

	/** Chunks read ahead of the one the view's thread holds. */
	static final int DEPTH = 1;

	static final String THREAD_NAME = "kappa-read-ahead-";

	private enum State {
		/** Free, or its read was dropped before it started. */
		IDLE,
		/** Its read is submitted and has not started. */
		QUEUED,
		RUNNING,
		DONE
	}

	/** Entries of one log read in one go, with their payloads decoded if the view has a {@link PayloadDecoder}. */
	static final class Chunk {

		private final EntryBatch entries = new EntryBatch();

		private final PayloadDecoder decoder;

		// Guarded by the ReadAhead's lock until DONE, then owned by whoever holds the chunk.
		private State state = State.IDLE;

		private SignedLog log;

		private long from;

		private int maxCount;

		private Throwable error;

		/** Dropped while RUNNING: recycled when the read ends. */
		private boolean abandoned;

		/** Entries from this seq on were never handed out. */
		private long cursor;

		private Chunk(PayloadDecoder decoder) {
			this.decoder = decoder;
		}

		EntryBatch entries() {
			return this.entries;
		}

		/** Whether entry {@code i} (of {@link #entries()}) has a value decoded in the batch. */
		boolean decoded(int i) {
			return this.decoder != null && this.decoder.has(i);
		}

		Object value(int i) {
			return this.decoder.value(i);
		}

		private void prepare(SignedLog log, long from, int maxCount) {
			this.log = log;
			this.from = from;
			this.maxCount = maxCount;
			this.error = null;
			this.abandoned = false;
			this.cursor = from;
		}

		/** Reads and decodes; returns what failed, if anything. */
		private Throwable read() {
			try {
				this.log.read(this.from, this.maxCount, READ_BYTES, this.entries);
				if (this.decoder != null) {
					this.decoder.decode(this.entries);
				}
				return null;
			}
			catch (Throwable ex) {
				return ex;
			}
		}

		private boolean holds(SignedLog log, long seq) {
			return this.log == log && this.cursor == seq && seq < this.entries.end();
		}
	}

	/** The executor of every view of a database: daemon threads, which end when idle. */
	static ExecutorService executor() {
		int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
		AtomicInteger n = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), task -> {
					Thread thread = new Thread(task, THREAD_NAME + n.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Stops the executor once the views are closed (their reads ahead ended with them): queued tasks of closed
	 * views return at once. Its threads are not interrupted (that would close the logs' file channels).
	 */
	static void shutdown(ExecutorService executor) {
		executor.shutdown();
		try {
			if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.warn("The views' read-ahead threads did not end within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private final Executor executor;

	private final PayloadDecoder decoder;

	private final int readEntries;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled whenever a read ends. */
	private final Condition readEnded = this.lock.newCondition();

	// Guarded by lock.
	private final ArrayDeque<Chunk> ahead = new ArrayDeque<>();

	private final ArrayDeque<Chunk> free = new ArrayDeque<>();

	/** Chunks that exist, but the side chunk: the current one, those ahead, free, or abandoned and running. */
	private int slots;

	private int running;

	/** Chunks read ahead that the view's thread used. */
	private long used;

	private boolean closed;

	/** The chunk the view's thread holds (view thread). */
	private Chunk current;

	/** For reads that must not disturb the reads ahead (retries, re-runs). */
	private Chunk side;

	/**
	 * @param executor where reads ahead run, or {@code null} to read on the view's thread only
	 * @param decoder the view's payload decoder (each chunk gets its own copy), or {@code null}
	 */
	ReadAhead(Executor executor, PayloadDecoder decoder) {
		this(executor, decoder, READ_ENTRIES);
	}

	/** With another bound on the entries of a chunk, for tests. */
	ReadAhead(Executor executor, PayloadDecoder decoder, int readEntries) {
		this.executor = executor;
		this.decoder = decoder;
		this.readEntries = readEntries;
	}

	private Chunk newChunk() {
		return new Chunk(this.decoder == null ? null : this.decoder.copy());
	}

	/**
	 * A chunk holding entry {@code from} of {@code log} (at {@code from - entries().first()}), among at most
	 * {@code to - from} entries it hands out; the caller uses them before the next call.
	 * @param ahead whether to read on ahead of it (the caller goes on where this chunk ends, batch after batch)
	 */
	Chunk next(SignedLog log, long from, long to, boolean ahead) {
		int maxCount = (int) Math.min(this.readEntries, to - from);
		if (!ahead) {
			if (this.side == null) {
				this.side = newChunk();
			}
			readHere(this.side, log, from, maxCount);
			return this.side;
		}
		Chunk chunk = this.current;
		if (chunk != null && chunk.holds(log, from)) {
			chunk.cursor = Math.min(chunk.entries.end(), to);
			return chunk;
		}
		this.lock.lock();
		try {
			release(this.current);
			this.current = null;
			chunk = this.ahead.peekFirst();
			if (chunk != null && chunk.log == log && chunk.from == from) {
				this.ahead.removeFirst();
				chunk = await(chunk);
				if (chunk.error == null) {
					this.used++;
				}
			}
			else {
				drop();
				chunk = null;
			}
			if (chunk == null || chunk.error != null || chunk.entries.count() == 0) {
				if (chunk != null && chunk.error != null) {
					logger.debug("Reading {} ahead from seq {} failed; reading it again on the view's thread", log.key(),
							from, chunk.error);
				}
				if (chunk == null) {
					chunk = acquire();
				}
				this.lock.unlock();
				try {
					readHere(chunk, log, from, maxCount);
				}
				catch (RuntimeException | Error ex) {
					this.lock.lock();
					recycle(chunk);
					throw ex;
				}
				this.lock.lock();
			}
			chunk.cursor = Math.min(chunk.entries.end(), to);
			this.current = chunk;
			fill();
			return chunk;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Reads on the calling thread; throws what the read throws, as a read without read-ahead would. */
	private static void readHere(Chunk chunk, SignedLog log, long from, int maxCount) {
		chunk.prepare(log, from, maxCount);
		Throwable error = chunk.read();
		chunk.state = State.DONE;
		if (error != null) {
			chunk.error = error;
			chunk.cursor = from; // hands out nothing
			if (error instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (error instanceof Error fatal) {
				throw fatal;
			}
			throw new IllegalStateException(error);
		}
	}

	/** Waits for a chunk read ahead, running its read here if it has not started. Under lock. */
	private Chunk await(Chunk chunk) {
		if (chunk.state == State.QUEUED) {
			chunk.state = State.RUNNING;
			this.running++;
			this.lock.unlock();
			Throwable error;
			try {
				error = chunk.read();
			}
			finally {
				this.lock.lock();
			}
			ended(chunk, error);
		}
		while (chunk.state != State.DONE) {
			this.readEnded.awaitUninterruptibly();
		}
		return chunk;
	}

	/** Schedules reads ahead of the last chunk handed out or read ahead, within the bounds. Under lock. */
	private void fill() {
		while (!this.closed && this.executor != null && this.ahead.size() < DEPTH) {
			Chunk last = this.ahead.isEmpty() ? this.current : this.ahead.peekLast();
			if (last == null || last.state != State.DONE || last.error != null) {
				return;
			}
			long from = last.entries.end();
			if (from >= last.log.length()) {
				return;
			}
			Chunk chunk = this.free.poll();
			if (chunk == null) {
				if (this.slots > DEPTH) {
					return;
				}
				this.slots++;
				chunk = newChunk();
			}
			schedule(chunk, last.log, from);
		}
	}

	/** Queues a read ahead; if the executor refuses it, the view's thread runs it when it gets there. Under lock. */
	private void schedule(Chunk chunk, SignedLog log, long from) {
		chunk.prepare(log, from, this.readEntries);
		chunk.state = State.QUEUED;
		this.ahead.addLast(chunk);
		try {
			this.executor.execute(() -> runAhead(chunk));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Reading {} ahead from seq {} was refused ({}); the view's thread reads it", log.key(), from,
					ex.toString());
		}
	}

	/** A read ahead, on the executor. */
	private void runAhead(Chunk chunk) {
		this.lock.lock();
		try {
			if (chunk.state != State.QUEUED) {
				return; // dropped, or run by the view's thread
			}
			chunk.state = State.RUNNING;
			this.running++;
		}
		finally {
			this.lock.unlock();
		}
		Throwable error = chunk.read();
		this.lock.lock();
		try {
			ended(chunk, error);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Under lock. */
	private void ended(Chunk chunk, Throwable error) {
		chunk.error = error;
		chunk.state = State.DONE;
		this.running--;
		if (chunk.abandoned) {
			chunk.abandoned = false;
			recycle(chunk);
		}
		else {
			fill();
		}
		this.readEnded.signalAll();
	}

	/** A slot for the view's thread to read into, waiting for an abandoned read to end if all are taken. */
	private Chunk acquire() {
		while (true) {
			Chunk chunk = this.free.poll();
			if (chunk != null) {
				return chunk;
			}
			if (this.slots <= DEPTH) {
				this.slots++;
				return newChunk();
			}
			this.readEnded.awaitUninterruptibly();
		}
	}

	/** Drops the chunks read ahead. Under lock. */
	private void drop() {
		for (Chunk chunk : this.ahead) {
			if (chunk.state == State.RUNNING) {
				chunk.abandoned = true;
			}
			else {
				recycle(chunk);
			}
		}
		this.ahead.clear();
	}

	private void release(Chunk chunk) {
		if (chunk != null) {
			recycle(chunk);
		}
	}

	private void recycle(Chunk chunk) {
		chunk.state = State.IDLE;
		chunk.log = null;
		if (this.closed) {
			this.slots--;
		}
		else {
			this.free.addLast(chunk);
		}
	}

	/**
	 * The view caught up: drops what was read ahead and every chunk but the one it holds, so an idle view keeps
	 * no more memory than one read.
	 */
	void idle() {
		this.lock.lock();
		try {
			drop();
			this.slots -= this.free.size();
			this.free.clear();
			this.side = null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Drops everything and waits for a read ahead under way to end: none runs after this returns. */
	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			drop();
			release(this.current);
			this.current = null;
			this.side = null;
			this.slots -= this.free.size();
			this.free.clear();
			while (this.running > 0) {
				this.readEnded.awaitUninterruptibly();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many chunks read ahead the view's thread used (for tests). */
	long used() {
		return counted(() -> this.used);
	}

	/** Chunks in existence (for tests): bounded by {@link #DEPTH} + 1. */
	long slots() {
		return counted(() -> this.slots);
	}

	private long counted(java.util.function.LongSupplier count) {
		this.lock.lock();
		try {
			return count.getAsLong();
		}
		finally {
			this.lock.unlock();
		}
	}
}
