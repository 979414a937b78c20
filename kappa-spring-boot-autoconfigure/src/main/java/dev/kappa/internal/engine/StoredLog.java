package dev.kappa.internal.engine;

import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.KappaMonitor;
import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import dev.kappa.core.LogReader;
import dev.kappa.core.LogWriter;
import dev.kappa.internal.log.SignedLog;

/**
 * The public face of one log: reads any log, appends to local ones.
 */
final class StoredLog implements LogReader, LogWriter {

	private final SignedLog log;

	private final EntryCodec codec;

	private final KappaMonitor monitor;

	private final dev.kappa.internal.log.LogStore store;

	private final EntryValidator validator;

	StoredLog(SignedLog log, EntryCodec codec, KappaMonitor monitor, dev.kappa.internal.log.LogStore store, EntryValidator validator) {
		this.store = store;
		this.log = log;
		this.codec = codec;
		this.monitor = monitor;
		this.validator = validator;
	}

	@Override
	public LogKey key() {
		return this.log.key();
	}

	@Override
	public java.util.Optional<String> name() {
		return this.log.writable() ? this.store.name(this.log.key()) : java.util.Optional.empty();
	}

	/** Every entry whose append returned: deferred ones are committed first ({@link SignedLog#flush()}). */
	@Override
	public long length() {
		this.log.flush();
		return this.log.length();
	}

	@Override
	public boolean writable() {
		return this.log.writable();
	}

	@Override
	public long append(Object value) {
		this.validator.validate(value);
		return appendEncoded(List.of(this.codec.encode(value)));
	}

	@Override
	public long appendAll(List<?> values) {
		for (Object value : values) {
			this.validator.validate(value);
		}
		List<byte[]> entries = new ArrayList<>(values.size());
		for (Object value : values) {
			entries.add(this.codec.encode(value));
		}
		return appendEncoded(entries);
	}

	private long appendEncoded(List<byte[]> entries) {
		KappaMonitor.Operation op = this.monitor.append(this.log.key(), entries.size());
		try {
			long seq = this.log.append(entries);
			op.end(null);
			return seq;
		}
		catch (RuntimeException | Error ex) {
			op.end(ex);
			throw ex;
		}
	}

	@Override
	public LogEntry<byte[]> get(long seq) {
		return get(seq, byte[].class);
	}

	@Override
	public <T> LogEntry<T> get(long seq, Class<T> type) {
		if (seq >= this.log.length()) {
			this.log.flush(); // a deferred append's entry is written before it is read
		}
		byte[] entry = this.log.read(seq);
		return this.codec.decode(this.log.key(), seq, entry, 0, entry.length, type);
	}

	@Override
	public String toString() {
		return "Log[" + key() + ", length=" + length() + (writable() ? ", writable" : "") + "]";
	}
}
