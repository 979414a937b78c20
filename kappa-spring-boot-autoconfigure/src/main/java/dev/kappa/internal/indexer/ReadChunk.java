package dev.kappa.internal.indexer;

import dev.kappa.internal.log.EntryBatch;
import dev.kappa.internal.log.SignedLog;

/**
 * Entries of one log read in one go by {@link ReadAhead}, with their payloads decoded if the view has a
 * {@link PayloadDecoder}. Its state is guarded by the ReadAhead's lock until the read is done, then owned by
 * whoever holds the chunk.
 */
final class ReadChunk {

	final EntryBatch entries = new EntryBatch();

	final PayloadDecoder decoder;

	ReadAhead.State state = ReadAhead.State.IDLE;

	SignedLog log;

	long from;

	int maxCount;

	Throwable error;

	/** Dropped while RUNNING: recycled when the read ends. */
	boolean abandoned;

	/** Entries from this seq on were never handed out. */
	long cursor;

	ReadChunk(PayloadDecoder decoder) {
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

	void prepare(SignedLog log, long from, int maxCount) {
		this.log = log;
		this.from = from;
		this.maxCount = maxCount;
		this.error = null;
		this.abandoned = false;
		this.cursor = from;
	}

	/** Reads and decodes; returns what failed, if anything. */
	Throwable read() {
		try {
			this.log.read(this.from, this.maxCount, ReadAhead.READ_BYTES, this.entries);
			if (this.decoder != null) {
				this.decoder.decode(this.entries);
			}
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	boolean holds(SignedLog log, long seq) {
		return this.log == log && this.cursor == seq && seq < this.entries.end();
	}
}
