package dev.kappa.internal.indexer;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.kappa.core.KappaException;
import dev.kappa.internal.schema.RowCodec;
import dev.kappa.internal.schema.TableDefinition;
import dev.kappa.view.KappaView;
import dev.kappa.view.ViewTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link ViewTables} inside one indexing transaction. Writes are buffered per table and sent as JDBC batches
 * when the transaction commits (or before {@link #jdbc()} hands out the connection). Within a transaction the
 * last write to an id wins, so a batch that updates a key a thousand times writes it once; {@link #find}
 * sees the buffered writes. Tables with a unique secondary index keep every write in order instead, so a
 * unique constraint sees what sequential writes would produce.
 * <p>
 * One instance serves all transactions of a view ({@link #begin}), so its maps keep their capacity. When
 * {@link #MAX_BUFFERED_ROWS} rows are buffered they are written into the transaction early, so memory stays
 * bounded however many distinct rows a batch touches.
 * <p>
 * Rows known to be new are inserted with a plain {@code INSERT}, which costs the database one index operation
 * where an upsert costs a lookup and then the insert: a table seen empty at its first flush (a new view, a
 * rebuild) keeps a filter of the ids written since ({@link WrittenIds}), and a row whose id it has definitely
 * not seen is inserted. Anything else is upserted. A row the filter cannot know about (written through
 * {@link #jdbc()} or by another connection) makes the {@code INSERT} batch fail on its duplicate key: the
 * batch is rolled back to a savepoint and written again as upserts, and the table uses upserts from then on.
 * Tables with a unique secondary index always upsert.
 */
final class BufferedViewTables implements ViewTables {

	private static final Logger logger = LoggerFactory.getLogger(BufferedViewTables.class);

	private static final Object DELETED = new Object();

	/** Buffered rows at which they are written into the transaction early, bounding memory. */
	static final int MAX_BUFFERED_ROWS = 50_000;

	/** Rows per JDBC batch: H2 keeps a batch's parameters until it ends, so long batches only add garbage. */
	static final int JDBC_BATCH = 4096;

	/**
	 * Rows of a transaction that only adds rows new to their tables, at which it asks to commit
	 * ({@link #commitSoon}): nothing can coalesce in such a transaction, and H2 writes and commits small
	 * transactions faster than large ones (its undo log and uncommitted pages grow with the transaction).
	 */
	static final int NEW_ROWS_PER_TRANSACTION = 4096;

	private final String view;

	private Connection connection;

	private final Map<Class<?>, RowCodec<?>> codecs;

	private final Map<Class<?>, Buffer> buffers = new HashMap<>();

	private JdbcClient jdbc;

	private int buffered;

	/** Rows added to the buffers in this transaction, written or not. */
	private int rowsThisTransaction;

	/** Whether every write of this transaction added a row whose id its table has definitely not held. */
	private boolean onlyNewRows;

	/** Rows inserted, rows upserted, and INSERT batches redone as upserts, since this instance was made. */
	private long inserted;

	private long upserted;

	private long redone;

	BufferedViewTables(String view, Map<Class<?>, RowCodec<?>> codecs) {
		this.view = view;
		this.codecs = codecs;
	}

	/** Starts a transaction on {@code connection}, forgetting anything left from the previous one. */
	void begin(Connection connection) {
		this.connection = connection;
		this.jdbc = null;
		this.buffered = 0;
		this.rowsThisTransaction = 0;
		this.onlyNewRows = true;
		for (Buffer buffer : this.buffers.values()) {
			buffer.latest.clear();
			buffer.log.clear();
		}
	}

	/** Ends the transaction: drops the connection and any writes not flushed. */
	void end() {
		begin(null);
	}

	/** The view's tables were dropped and made anew: forget the ids written to them. */
	void tablesRecreated() {
		for (Buffer buffer : this.buffers.values()) {
			buffer.inserts = buffer.ordered ? Inserts.OFF : Inserts.UNKNOWN;
			buffer.written = null;
		}
	}

	/**
	 * Whether this transaction should commit after the entry just applied: it has added
	 * {@link #NEW_ROWS_PER_TRANSACTION} rows, each with an id new to its table, and changed nothing else. A view
	 * whose entries update rows keeps its whole batch in one transaction, where repeated writes coalesce.
	 */
	boolean commitSoon() {
		return this.onlyNewRows && this.rowsThisTransaction >= NEW_ROWS_PER_TRANSACTION;
	}

	/** Rows inserted, rows upserted, and INSERT batches redone as upserts, for tests. */
	long[] writeCounts() {
		return new long[] { this.inserted, this.upserted, this.redone };
	}

	/** Whether a table's rows known to be new are inserted rather than upserted. */
	private enum Inserts {

		/** Not known yet: decided at the table's first flush, by whether it is empty. */
		UNKNOWN,

		/** The table was seen empty; {@link Buffer#written} holds every id written since. */
		ON,

		/** Upserts only: the table had rows, has a unique index, met a foreign row, or its filter is full. */
		OFF
	}

	/** The pending writes of one table. */
	private static final class Buffer {

		final RowCodec<?> codec;

		final boolean ordered;

		/** Latest state per id: a row or {@link #DELETED}. */
		final Map<Object, Object> latest = new LinkedHashMap<>();

		/** For ordered tables: every write in order, as (id key, row or DELETED). */
		final List<Object[]> log = new ArrayList<>();

		Inserts inserts;

		/** While {@link Inserts#ON}: the ids written since the table was seen empty. */
		WrittenIds written;

		Buffer(RowCodec<?> codec) {
			this.codec = codec;
			this.ordered = codec.table().hasUniqueIndex();
			this.inserts = this.ordered ? Inserts.OFF : Inserts.UNKNOWN;
		}

		/** Buffers a write; returns whether it added a row to the buffer (rather than replacing one). */
		boolean put(Object key, Object value) {
			boolean added = this.latest.put(key, value) == null;
			if (this.ordered) {
				this.log.add(new Object[] { key, value });
				return true;
			}
			return added;
		}
	}

	@Override
	public void upsert(Object row) {
		Buffer buffer = buffer(row);
		put(buffer, key(buffer.codec.id(row)), row);
	}

	private void put(Buffer buffer, Object key, Object value) {
		boolean added = buffer.put(key, value);
		if (this.onlyNewRows && !(added && value != DELETED && isNew(buffer, key))) {
			this.onlyNewRows = false;
		}
		if (added) {
			this.rowsThisTransaction++;
			if (++this.buffered >= MAX_BUFFERED_ROWS) {
				flush();
			}
		}
	}

	/** Whether the table has definitely never held a row with this id since it was seen empty. */
	private boolean isNew(Buffer buffer, Object key) {
		if (buffer.inserts == Inserts.UNKNOWN) {
			decideInserts(buffer);
		}
		return buffer.inserts == Inserts.ON && !buffer.written.mightContain(key);
	}

	/** Inserts on if the table is empty now (its first write since it was made or this instance began). */
	private void decideInserts(Buffer buffer) {
		try {
			buffer.inserts = isEmpty(buffer.codec) ? Inserts.ON : Inserts.OFF;
		}
		catch (SQLException ex) {
			throw new KappaException("View '" + this.view + "' failed to read " + buffer.codec.table().sqlName() + ": "
					+ ex.getMessage(), ex);
		}
		buffer.written = buffer.inserts == Inserts.ON ? new WrittenIds() : null;
	}

	@Override
	public void insert(Object row) {
		Buffer buffer = buffer(row);
		Object id = buffer.codec.id(row);
		Object key = key(id);
		Object pending = buffer.latest.get(key);
		boolean exists = pending != null ? pending != DELETED : selectById(buffer.codec, id).isPresent();
		if (exists) {
			throw new KappaException("View '" + this.view + "' cannot insert into " + buffer.codec.table().sqlName()
					+ ": a row with id " + id + " exists (use upsert to replace it)");
		}
		put(buffer, key, row);
	}

	@Override
	public <T> Optional<T> find(Class<T> table, Object id) {
		Buffer buffer = buffer(table);
		Object pending = buffer.latest.get(key(id));
		if (pending != null) {
			return pending == DELETED ? Optional.empty() : Optional.of(table.cast(pending));
		}
		return selectById(buffer.codec, id).map(table::cast);
	}

	@Override
	public void delete(Class<?> table, Object id) {
		put(buffer(table), key(id), DELETED);
	}

	@Override
	public JdbcClient jdbc() {
		flush();
		if (this.jdbc == null) {
			this.jdbc = JdbcClient.create(new SingleConnectionDataSource(this.connection, true));
		}
		return this.jdbc;
	}

	/** Sends every buffered write to the database (in this transaction). */
	void flush() {
		this.buffered = 0;
		try {
			for (Buffer buffer : this.buffers.values()) {
				if (buffer.ordered) {
					flushOrdered(buffer);
				}
				else {
					flushCoalesced(buffer);
				}
				buffer.latest.clear();
				buffer.log.clear();
			}
		}
		catch (SQLException ex) {
			throw new KappaException("View '" + this.view + "' failed to write its rows: " + ex.getMessage(), ex);
		}
	}

	private void flushCoalesced(Buffer buffer) throws SQLException {
		if (buffer.latest.isEmpty()) {
			return;
		}
		if (buffer.inserts == Inserts.UNKNOWN) {
			decideInserts(buffer);
		}
		WrittenIds written = buffer.inserts == Inserts.ON ? buffer.written : null;
		// Every row of a transaction of new rows only was checked against the filter as it was buffered.
		boolean allNew = written != null && this.onlyNewRows;
		List<Object> rows = new ArrayList<>();
		List<Object> inserts = new ArrayList<>();
		List<Object> insertKeys = new ArrayList<>();
		List<Object> deletes = new ArrayList<>();
		for (Map.Entry<Object, Object> e : buffer.latest.entrySet()) {
			if (e.getValue() == DELETED) {
				deletes.add(unkey(e.getKey()));
			}
			else if (allNew || written != null && !written.mightContain(e.getKey())) {
				inserts.add(e.getValue());
				insertKeys.add(e.getKey());
			}
			else {
				rows.add(e.getValue());
			}
		}
		upsertAll(buffer.codec, rows);
		insertAll(buffer, inserts);
		deleteAll(buffer.codec, deletes);
		if (buffer.inserts == Inserts.ON) {
			remember(buffer, insertKeys);
		}
	}

	/**
	 * Adds the ids just inserted to the table's filter (those upserted it calls "maybe" already); a full filter
	 * turns inserts off.
	 */
	private static void remember(Buffer buffer, List<Object> keys) {
		for (Object key : keys) {
			if (buffer.written.full()) {
				buffer.inserts = Inserts.OFF;
				buffer.written = null;
				return;
			}
			buffer.written.add(key);
		}
	}

	/**
	 * Inserts rows whose ids the table's filter has not seen. If the database refuses them (a row with one of
	 * their ids exists after all), rolls back to before the batch and upserts them instead.
	 */
	private void insertAll(Buffer buffer, List<Object> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		Savepoint savepoint = this.connection.setSavepoint();
		try {
			writeAll(buffer.codec.insertSql(), buffer.codec, rows);
		}
		catch (SQLException ex) {
			this.connection.rollback(savepoint);
			this.connection.releaseSavepoint(savepoint);
			buffer.inserts = Inserts.OFF;
			buffer.written = null;
			this.redone++;
			logger.info("View '{}': {} has rows this view's handlers did not write through upsert or insert ({}); "
					+ "its rows are upserted from now on", this.view, buffer.codec.table().sqlName(), ex.getMessage());
			upsertAll(buffer.codec, rows); // a real error (not a duplicate id) fails here again, and is reported
			return;
		}
		this.connection.releaseSavepoint(savepoint);
		this.inserted += rows.size();
	}

	private boolean isEmpty(RowCodec<?> codec) throws SQLException {
		try (PreparedStatement ps = this.connection.prepareStatement(codec.anyRowSql());
				ResultSet rs = ps.executeQuery()) {
			return !rs.next();
		}
	}

	/** Writes in order, batching runs of upserts and runs of deletes. */
	private void flushOrdered(Buffer buffer) throws SQLException {
		List<Object> run = new ArrayList<>();
		boolean deleting = false;
		for (Object[] op : buffer.log) {
			boolean delete = op[1] == DELETED;
			if (delete != deleting && !run.isEmpty()) {
				writeRun(buffer.codec, run, deleting);
				run.clear();
			}
			deleting = delete;
			run.add(delete ? unkey(op[0]) : op[1]);
		}
		writeRun(buffer.codec, run, deleting);
	}

	/** A JDBC batch runs its statements in order, so a run of writes keeps the order of the buffer. */
	private void writeRun(RowCodec<?> codec, List<Object> run, boolean deleting) throws SQLException {
		if (deleting) {
			deleteAll(codec, run);
		}
		else {
			upsertAll(codec, run);
		}
	}

	private void upsertAll(RowCodec<?> codec, List<Object> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		writeAll(codec.upsertSql(), codec, rows);
		this.upserted += rows.size();
	}

	private void writeAll(String sql, RowCodec<?> codec, List<Object> rows) throws SQLException {
		try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
			int n = 0;
			for (Object row : rows) {
				codec.bind(ps, row);
				ps.addBatch();
				if (++n % JDBC_BATCH == 0) {
					ps.executeBatch();
				}
			}
			if (n % JDBC_BATCH != 0) {
				ps.executeBatch();
			}
		}
	}

	private void deleteAll(RowCodec<?> codec, List<Object> ids) throws SQLException {
		if (ids.isEmpty()) {
			return;
		}
		try (PreparedStatement ps = this.connection.prepareStatement(codec.deleteByIdSql())) {
			for (Object id : ids) {
				codec.bindId(ps, 1, id);
				ps.addBatch();
			}
			ps.executeBatch();
		}
	}

	private Optional<Object> selectById(RowCodec<?> codec, Object id) {
		try (PreparedStatement ps = this.connection.prepareStatement(codec.selectByIdSql())) {
			codec.bindId(ps, 1, id);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(codec.read(rs)) : Optional.empty();
			}
		}
		catch (SQLException ex) {
			throw new KappaException("View '" + this.view + "' failed to read " + codec.table().sqlName() + " by id "
					+ id + ": " + ex.getMessage(), ex);
		}
	}

	private Buffer buffer(Object row) {
		if (row == null) {
			throw new IllegalArgumentException("A row must not be null");
		}
		return buffer(row.getClass());
	}

	private Buffer buffer(Class<?> table) {
		Buffer buffer = this.buffers.get(table);
		if (buffer == null) {
			RowCodec<?> codec = this.codecs.get(table);
			if (codec == null) {
				throw new IllegalArgumentException(table.getName() + " is not a table of view '" + this.view
						+ "'; list it in @KappaView(tables = ...)");
			}
			buffer = new Buffer(codec);
			this.buffers.put(table, buffer);
		}
		return buffer;
	}

	/** Ids as map keys: arrays by content. */
	private static Object key(Object id) {
		if (id == null) {
			throw new IllegalArgumentException("A row's id must not be null");
		}
		return id instanceof byte[] bytes ? ByteBuffer.wrap(bytes.clone()) : id;
	}

	private static Object unkey(Object key) {
		return key instanceof ByteBuffer buffer ? buffer.array() : key;
	}

	static Map<Class<?>, RowCodec<?>> codecs(List<TableDefinition> tables, tools.jackson.databind.json.JsonMapper json) {
		Map<Class<?>, RowCodec<?>> codecs = new HashMap<>();
		for (TableDefinition table : tables) {
			codecs.put(table.rowType(), RowCodec.of(table, json));
		}
		return codecs;
	}
}
