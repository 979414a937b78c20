package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;
import dev.kappa.internal.schema.RowCodec;

/**
 * One indexing transaction of one view: a plan of consecutive entries per log, fed in order to the view's
 * handlers, whose writes commit together with the view's new checkpoints. Each entry therefore affects the
 * view exactly once, whatever crashes.
 * <p>
 * A failure rolls everything back; {@link #run} then finds the entry that failed (re-running entry by entry
 * if the failure surfaced only when the buffered writes were flushed), commits the entries before it, and
 * reports it.
 */
final class IndexingBatch {

	/** Entries {@code [from, to)} of one log. */
	record Slice(SignedLog log, long from, long to) {

		/** The number of entries of a plan. */
		static long size(List<Slice> plan) {
			long n = 0;
			for (Slice slice : plan) {
				n += slice.to() - slice.from();
			}
			return n;
		}
	}

	/** The entry whose handling failed. */
	record Failure(LogKey log, long seq, String type, Throwable cause) {

		String describe(String view) {
			return "View '" + view + "' failed at entry " + this.seq + " of log " + this.log + " (type '" + this.type
					+ "'): " + this.cause;
		}
	}

	private final ViewDeclaration view;

	private final Object bean;

	private final DataSource dataSource;

	private final EntryCodec entryCodec;

	private final BufferedViewTables tables;

	/**
	 * Reads the logs, ahead of the handlers when it can; decodes a whole read of entries at once for views whose
	 * handlers take one payload type ({@link PayloadDecoder}).
	 */
	private final ReadAhead reads;

	/** The entries decoded for the entry being applied, by payload type: {@code decodedCount} of each. */
	private final Class<?>[] decodedTypes;

	private final LogEntry<?>[] decodedEntries;

	/**
	 * @param readAhead where reads ahead run (shared by the views of a database), or {@code null} to read on the
	 * view's thread only
	 */
	IndexingBatch(ViewDeclaration view, Object bean, DataSource dataSource, Map<Class<?>, RowCodec<?>> codecs,
			EntryCodec entryCodec, Executor readAhead) {
		this.view = view;
		this.bean = bean;
		this.dataSource = dataSource;
		this.entryCodec = entryCodec;
		this.tables = new BufferedViewTables(view.name(), codecs);
		this.reads = new ReadAhead(readAhead, PayloadDecoder.forView(view, entryCodec));
		this.decodedTypes = new Class<?>[view.handlers().size()];
		this.decodedEntries = new LogEntry<?>[view.handlers().size()];
	}

	/** The view caught up with its logs: keeps no more than one read's buffers. */
	void idle() {
		this.reads.idle();
	}

	/** The view's thread ends: stops reading ahead (waits for a read under way). */
	void close() {
		this.reads.close();
	}

	/** Thrown out of the entry loop to abort the transaction at a known entry. */
	private static final class EntryFailed extends Exception {

		final transient Failure failure;

		EntryFailed(Failure failure) {
			super(null, null, false, false);
			this.failure = failure;
		}
	}

	/**
	 * Runs the plan in one transaction. On failure, commits everything before the failing entry.
	 * @return the checkpoints committed (next seq per log), and the failure if there was one
	 */
	Outcome run(List<Slice> plan) throws SQLException {
		try {
			return new Outcome(attempt(plan, null, false, this::saveCheckpoints), null);
		}
		catch (EntryFailed failed) {
			return isolate(plan, failed.failure);
		}
	}

	record Outcome(Map<LogKey, Long> committed, Failure failure) {
	}

	private Outcome isolate(List<Slice> plan, Failure known) throws SQLException {
		Failure failure = known;
		if (failure.seq() < 0) {
			// The failure came from flushing buffered writes: find the entry by flushing after each one.
			try {
				return new Outcome(attempt(plan, null, true, this::saveCheckpoints), null);
			}
			catch (EntryFailed failed) {
				failure = failed.failure;
				if (failure.seq() < 0) {
					return new Outcome(Map.of(), failure);
				}
			}
		}
		try {
			return new Outcome(attempt(plan, failure, false, this::saveCheckpoints), failure);
		}
		catch (EntryFailed again) {
			return new Outcome(Map.of(), again.failure);
		}
	}

	/** The last statements of a transaction, given the checkpoints it reached. */
	@FunctionalInterface
	private interface Finish {

		void run(Connection connection, Map<LogKey, Long> next) throws SQLException;
	}

	private void saveCheckpoints(Connection connection, Map<LogKey, Long> next) throws SQLException {
		if (!next.isEmpty()) {
			ViewCatalog.saveCheckpoints(connection, this.view.name(), next);
		}
	}

	/**
	 * Handles one skipped entry again, without moving the checkpoints: on success its handlers' writes and the
	 * removal of its dead letter commit together; on failure nothing is written but the dead letter's new error.
	 * @return {@code null} if it was handled, else the new failure
	 */
	Failure retry(SignedLog log, long seq) throws SQLException {
		try {
			attempt(List.of(new Slice(log, seq, seq + 1)), null, true,
					(connection, next) -> ViewCatalog.deleteError(connection, this.view.name(), log.key(), seq));
			return null;
		}
		catch (EntryFailed failed) {
			Failure failure = failed.failure.seq() < 0 ? new Failure(log.key(), seq, "?", failed.failure.cause())
					: failed.failure;
			inTransaction(connection -> {
				ViewCatalog.deleteError(connection, this.view.name(), log.key(), seq);
				ViewCatalog.recordError(connection, this.view.name(), log.key(), seq, failure.type(),
						String.valueOf(failure.cause()));
			});
			return failure;
		}
	}

	/**
	 * One transaction over the plan, stopping before {@code stopAt} if given; commits and returns the new
	 * checkpoints, or rolls back and throws.
	 */
	private Map<LogKey, Long> attempt(List<Slice> plan, Failure stopAt, boolean flushEach, Finish finish)
			throws SQLException, EntryFailed {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			BufferedViewTables tables = this.tables;
			tables.begin(connection);
			try {
				Map<LogKey, Long> next = new LinkedHashMap<>();
				feed(plan, stopAt, flushEach, tables, next, stopAt == null && !flushEach);
				try {
					tables.flush();
				}
				catch (RuntimeException ex) {
					throw new EntryFailed(new Failure(next.keySet().stream().findFirst().orElse(null), -1, "?", ex));
				}
				finish.run(connection, next);
				connection.commit();
				return next;
			}
			catch (SQLException | EntryFailed | RuntimeException | Error ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				tables.end();
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	/**
	 * Applies the plan's entries in order; {@code next} receives the next seq of each log reached.
	 * @param ahead whether to read on ahead (the normal path; re-runs after a failure and retries do not)
	 */
	private void feed(List<Slice> plan, Failure stopAt, boolean flushEach, BufferedViewTables tables,
			Map<LogKey, Long> next, boolean ahead) throws EntryFailed {
		for (Slice slice : plan) {
			LogKey key = slice.log().key();
			long seq = slice.from();
			long stop = stopAt != null && stopAt.log().equals(key) && stopAt.seq() >= seq && stopAt.seq() < slice.to()
					? stopAt.seq() : -1;
			while (seq < slice.to()) {
				ReadChunk chunk = this.reads.next(slice.log(), seq, slice.to(), ahead);
				EntryBatch entries = chunk.entries();
				byte[] buf = entries.buffer();
				int end = (int) Math.min(entries.count(), slice.to() - entries.first());
				for (int i = (int) (seq - entries.first()); i < end; i++, seq++) {
					if (seq == stop) {
						if (seq > slice.from()) {
							next.put(key, seq);
						}
						return;
					}
					apply(key, seq, chunk, i, buf, entries.offset(i), entries.length(i), tables);
					if (ahead && tables.commitSoon()) {
						next.put(key, seq + 1); // the rest of the plan is the next transaction's
						this.reads.stoppedAt(slice.log(), seq + 1);
						return;
					}
					if (flushEach) {
						try {
							tables.flush();
						}
						catch (RuntimeException ex) {
							throw new EntryFailed(new Failure(key, seq, type(buf, entries.offset(i), entries.length(i)), ex));
						}
					}
				}
				next.put(key, seq);
			}
			next.put(key, slice.to());
		}
	}

	/**
	 * Routes one entry to the handlers that take its type, decoding it once per payload type. A block that is not
	 * a kappa envelope ({@link LogEntry#RAW_BLOCK_TYPE}) goes only to the handlers that take every entry.
	 */
	private void apply(LogKey log, long seq, ReadChunk chunk, int index, byte[] buf, int offset, int length,
			BufferedViewTables tables) throws EntryFailed {
		boolean envelope = Envelope.problem(buf, offset, length) == null;
		int decodedCount = 0;
		for (EntryHandler handler : this.view.handlers()) {
			if (envelope ? !handler.accepts(buf, offset) : handler.typeNameBytes() != null) {
				continue;
			}
			try {
				LogEntry<?> entry = null;
				for (int k = 0; k < decodedCount; k++) {
					if (this.decodedTypes[k] == handler.payloadType()) {
						entry = this.decodedEntries[k];
						break;
					}
				}
				if (entry == null) {
					entry = chunk.decoded(index)
							? this.entryCodec.entry(log, seq, buf, offset, chunk.value(index), handler.typeName())
							: this.entryCodec.decode(log, seq, buf, offset, length, handler.payloadType(), handler.typeName());
					this.decodedTypes[decodedCount] = handler.payloadType();
					this.decodedEntries[decodedCount++] = entry;
				}
				handler.invoke(this.bean, entry, tables);
			}
			catch (Throwable ex) {
				if (ex instanceof VirtualMachineError vm) {
					throw vm;
				}
				throw new EntryFailed(new Failure(log, seq, type(buf, offset, length), ex));
			}
		}
		java.util.Arrays.fill(this.decodedEntries, 0, decodedCount, null);
	}

	private static String type(byte[] buf, int offset, int length) {
		return Envelope.problem(buf, offset, length) == null ? Envelope.type(buf, offset) : LogEntry.RAW_BLOCK_TYPE;
	}

	/** The view's tables were dropped and made anew (a rebuild): what the batch knew of their rows is void. */
	void tablesRecreated() {
		this.tables.tablesRecreated();
	}

	/** Records a skipped entry and moves the view's checkpoint past it, in one transaction. */
	void skip(Failure failure) throws SQLException {
		inTransaction(connection -> {
			ViewCatalog.recordError(connection, this.view.name(), failure.log(), failure.seq(), failure.type(),
					String.valueOf(failure.cause()));
			ViewCatalog.saveCheckpoints(connection, this.view.name(), Map.of(failure.log(), failure.seq() + 1));
		});
	}

	@FunctionalInterface
	private interface SqlWork {

		void run(Connection connection) throws SQLException;
	}

	private void inTransaction(SqlWork work) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				work.run(connection);
				connection.commit();
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}
}
