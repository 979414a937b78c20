package dev.kappa.internal.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.kappa.core.KappaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durability state of one {@link SignedLog}: whether written data still waits for a force, the last
 * recovery point and when the next is due, a failed write's leftovers past the last frame, and whether the
 * log has failed for good. Used under the log's commit lock (only {@link #failure()} is read without it).
 */
final class LogDurability {

	private static final Logger logger = LoggerFactory.getLogger(LogDurability.class);

	private final String id;

	private final Path dir;

	private final LogFiles files;

	private final LogOptions options;

	private RecoveryPoint recoveryPoint;

	private long recoveryPointNanos = System.nanoTime();

	private boolean unforced;

	/** A write failed and may have left bytes past the last frame: cut them before the next write. */
	private boolean tailDirty;

	/** In a run of passing I/O failures (logged once). */
	private boolean passingFailure;

	private volatile KappaException failure;

	LogDurability(String id, Path dir, LogFiles files, LogOptions options, RecoveryPoint recoveryPoint) {
		this.id = id;
		this.dir = dir;
		this.files = files;
		this.options = options;
		this.recoveryPoint = recoveryPoint;
	}

	/** A frame was written: forces the data file now for {@link FsyncPolicy#BATCH}, else later. */
	void written() throws IOException {
		if (this.options.fsync() == FsyncPolicy.BATCH) {
			this.files.data().force();
		}
		else {
			this.unforced = true;
		}
		this.passingFailure = false;
	}

	/**
	 * Periodic work at {@code length}/{@code dataEnd}: forces the data file if it waits for a force under
	 * {@link FsyncPolicy#INTERVAL}, writes a due recovery point.
	 */
	void maintain(long length, long dataEnd) {
		if (this.failure != null) {
			return;
		}
		try {
			if (this.unforced && this.options.fsync() == FsyncPolicy.INTERVAL) {
				this.files.data().force();
				this.unforced = false;
			}
			maybeWriteRecoveryPoint(false, length, dataEnd);
		}
		catch (IOException | RuntimeException ex) {
			fail("force to disk", ex, dataEnd, length);
		}
	}

	/** Before a write: cuts what a failed write may have left past {@code dataEnd} ({@code length} entries). */
	void cutFailedTail(long dataEnd, long length) throws IOException {
		if (this.tailDirty) {
			this.files.data().truncate(dataEnd);
			this.files.index().truncate(length);
			this.files.tree().truncate(length);
			this.tailDirty = false;
		}
	}

	/** A write ended in an {@link Error}: whatever it left past the last frame is cut before the next write. */
	void tailDirty() {
		this.tailDirty = true;
	}

	/** Writes a recovery point at {@code length}/{@code dataEnd} if one is due (or {@code force}). */
	void maybeWriteRecoveryPoint(boolean force, long length, long dataEnd) {
		if (this.failure != null || dataEnd == this.recoveryPoint.dataEnd()) {
			return;
		}
		boolean due = force || dataEnd - this.recoveryPoint.dataEnd() >= this.options.recoveryPointBytes()
				|| System.nanoTime() - this.recoveryPointNanos >= this.options.recoveryPointInterval().toNanos();
		if (!due) {
			return;
		}
		try {
			this.files.data().force();
			this.unforced = false;
			this.files.index().force();
			this.files.tree().force();
			RecoveryPoint point = new RecoveryPoint(length, dataEnd);
			point.write(this.options.io(), this.dir);
			this.recoveryPoint = point;
			this.recoveryPointNanos = System.nanoTime();
		}
		catch (IOException | RuntimeException ex) {
			fail("write a recovery point", ex, dataEnd, length);
		}
	}

	/** The length the last recovery point covers: every entry below it is forced. */
	long durableLength() {
		return this.recoveryPoint.length();
	}

	/** An I/O error that may pass (no descriptors, disk full, a device error): the next attempt retries. */
	static boolean passing(Exception ex) {
		return ex instanceof IOException || ex instanceof UncheckedIOException;
	}

	/** Throws if the log takes no writes: closed, or failed for good. */
	void checkUsable(boolean closed) {
		if (closed) {
			throw new KappaException("Log " + this.id + " is closed");
		}
		KappaException failed = this.failure;
		if (failed != null) {
			throw new KappaException("Log " + this.id + " stopped after a failure that cannot pass (" + failed.getMessage()
					+ "); reopen the database once it is repaired", failed);
		}
	}

	/** Why this log takes no more writes (corruption, not a passing I/O error), or {@code null} while usable. */
	KappaException failure() {
		return this.failure;
	}

	/**
	 * A failed write. An I/O error that may pass fails only the operation that met it: whatever it may have
	 * left past the last frame ({@code dataEnd}, {@code length} entries) is cut (now, or before the next
	 * write), nothing changed in memory, and the next attempt retries; one WARN per run of such failures.
	 * Anything else (corruption, a bug) leaves the files' state unknown: the log takes no more writes until
	 * reopened.
	 */
	KappaException fail(String action, Exception ex, long dataEnd, long length) {
		if (ex instanceof KappaException known && !(ex instanceof CorruptLogException)) {
			return known;
		}
		if (passing(ex)) {
			this.tailDirty = true;
			try {
				cutFailedTail(dataEnd, length);
			}
			catch (IOException again) {
				// cut before the next write
			}
			if (!this.passingFailure) {
				this.passingFailure = true;
				logger.warn("Log {} could not {} in {}: {}; nothing was lost, the next attempt retries", this.id, action,
						this.dir, ex.getMessage());
			}
			return new KappaException("Log " + this.id + " could not " + action + " in " + this.dir + ": "
					+ ex.getMessage() + " (an I/O error that may pass: nothing was stored, the next attempt retries)", ex);
		}
		KappaException error = new KappaException("Log " + this.id + " failed to " + action + " in " + this.dir
				+ ": " + ex.getMessage(), ex);
		if (this.failure == null) {
			this.failure = error;
			logger.error("{}; it accepts no more writes until the database is reopened", error.getMessage(), ex);
		}
		return error;
	}
}
