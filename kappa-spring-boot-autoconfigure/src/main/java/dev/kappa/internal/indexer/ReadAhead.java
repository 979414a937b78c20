package dev.kappa.internal.indexer;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 * All methods but those of {@link ReadChunk} are called by the view's thread only.
 */
final class ReadAhead implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ReadAhead.class);

	/** Most bytes of entries per chunk. */
	static final int READ_BYTES = 4 << 20;

	/** Most entries per chunk: bounds the index, leaf-hash and tree scratch of a chunk of tiny entries. */
	static final int READ_ENTRIES = 1 << 15;

	/** ReadChunks read ahead of the one the view's thread holds. */
	static final int DEPTH = 1;

	enum State {
		/** Free, or its read was dropped before it started. */
		IDLE,
		/** Its read is submitted and has not started. */
		QUEUED,
		RUNNING,
		DONE
	}

	private final Executor executor;

	private final PayloadDecoder decoder;

	private final int readEntries;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled whenever a read ends. */
	private final Condition readEnded = this.lock.newCondition();

	// Guarded by lock.
	private final ArrayDeque<ReadChunk> ahead = new ArrayDeque<>();

	private final ArrayDeque<ReadChunk> free = new ArrayDeque<>();

	/** ReadChunks that exist, but the side chunk: the current one, those ahead, free, or abandoned and running. */
	private int slots;

	private int running;

	/** ReadChunks read ahead that the view's thread used. */
	private long used;

	private boolean closed;

	/** The chunk the view's thread holds (view thread). */
	private ReadChunk current;

	/** For reads that must not disturb the reads ahead (retries, re-runs). */
	private ReadChunk side;

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

	private ReadChunk newReadChunk() {
		return new ReadChunk(this.decoder == null ? null : this.decoder.copy());
	}

	/**
	 * A chunk holding entry {@code from} of {@code log} (at {@code from - entries().first()}), among at most
	 * {@code to - from} entries it hands out; the caller uses them before the next call.
	 * @param ahead whether to read on ahead of it (the caller goes on where this chunk ends, batch after batch)
	 */
	ReadChunk next(SignedLog log, long from, long to, boolean ahead) {
		int maxCount = (int) Math.min(this.readEntries, to - from);
		if (!ahead) {
			if (this.side == null) {
				this.side = newReadChunk();
			}
			readHere(this.side, log, from, maxCount);
			return this.side;
		}
		ReadChunk chunk = this.current;
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

	/**
	 * The caller used the current chunk's entries of {@code log} only up to {@code seq} (its transaction ended
	 * early): the next {@link #next} from {@code seq} goes on in the same chunk, and the reads ahead stay.
	 */
	void stoppedAt(SignedLog log, long seq) {
		ReadChunk chunk = this.current;
		if (chunk != null && chunk.log == log && chunk.entries.first() <= seq && seq < chunk.cursor) {
			chunk.cursor = seq;
		}
	}

	/** Reads on the calling thread; throws what the read throws, as a read without read-ahead would. */
	private static void readHere(ReadChunk chunk, SignedLog log, long from, int maxCount) {
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
	private ReadChunk await(ReadChunk chunk) {
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
			ReadChunk last = this.ahead.isEmpty() ? this.current : this.ahead.peekLast();
			if (last == null || last.state != State.DONE || last.error != null) {
				return;
			}
			long from = last.entries.end();
			if (from >= last.log.length()) {
				return;
			}
			ReadChunk chunk = this.free.poll();
			if (chunk == null) {
				if (this.slots > DEPTH) {
					return;
				}
				this.slots++;
				chunk = newReadChunk();
			}
			schedule(chunk, last.log, from);
		}
	}

	/** Queues a read ahead; if the executor refuses it, the view's thread runs it when it gets there. Under lock. */
	private void schedule(ReadChunk chunk, SignedLog log, long from) {
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
	private void runAhead(ReadChunk chunk) {
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
	private void ended(ReadChunk chunk, Throwable error) {
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
	private ReadChunk acquire() {
		while (true) {
			ReadChunk chunk = this.free.poll();
			if (chunk != null) {
				return chunk;
			}
			if (this.slots <= DEPTH) {
				this.slots++;
				return newReadChunk();
			}
			this.readEnded.awaitUninterruptibly();
		}
	}

	/** Drops the chunks read ahead. Under lock. */
	private void drop() {
		for (ReadChunk chunk : this.ahead) {
			if (chunk.state == State.RUNNING) {
				chunk.abandoned = true;
			}
			else {
				recycle(chunk);
			}
		}
		this.ahead.clear();
	}

	private void release(ReadChunk chunk) {
		if (chunk != null) {
			recycle(chunk);
		}
	}

	private void recycle(ReadChunk chunk) {
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

	/** ReadChunks in existence (for tests): bounded by {@link #DEPTH} + 1. */
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
