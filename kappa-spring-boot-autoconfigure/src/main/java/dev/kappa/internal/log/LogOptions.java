package dev.kappa.internal.log;

import java.time.Duration;

/**
 * How logs are written.
 * <p>
 * Internal: built by the auto-configuration from {@code kappa.log.*}.
 *
 * @param fsync when appended batches are forced to disk
 * @param fsyncInterval for {@link FsyncPolicy#INTERVAL}: how often
 * @param recoveryPointInterval how often the derived files (index, tree) are forced and a recovery point
 * written, bounding the work of the next open after a crash
 * @param recoveryPointBytes the same bound in bytes appended
 * @param io how the log files are opened ({@link LogFileIo#DEFAULT}; tests substitute faulty ones)
 * @param allowCut whether recovery may cut a damaged log back to its last intact frame even where the cut
 * may include acknowledged entries ({@code kappa.log.recovery.allow-cut}); without it such a log fails to open
 * @param linger for {@link FsyncPolicy#NEVER} and {@link FsyncPolicy#INTERVAL}: how long an append's entries may
 * wait, queued, to be signed together with the next appends ({@link DeferredCommits}; {@code kappa.log.linger});
 * zero commits each append before it returns
 */
public record LogOptions(FsyncPolicy fsync, Duration fsyncInterval, Duration recoveryPointInterval,
		long recoveryPointBytes, LogFileIo io, boolean allowCut, Duration linger) {

	public LogOptions {
		if (linger == null || linger.isNegative()) {
			throw new IllegalArgumentException("The linger must be zero or positive, got " + linger);
		}
	}

	public static LogOptions defaults() {
		return new LogOptions(FsyncPolicy.BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5), 32L << 20,
				LogFileIo.DEFAULT, false, Duration.ofMillis(1));
	}

	/** Whether appends to a local log return once queued, committed a moment later ({@link DeferredCommits}). */
	boolean defersCommits() {
		return this.fsync != FsyncPolicy.BATCH && !this.linger.isZero();
	}

	public LogOptions withLinger(Duration linger) {
		return new LogOptions(this.fsync, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, this.io,
				this.allowCut, linger);
	}

	LogOptions withFileIo(LogFileIo io) {
		return new LogOptions(this.fsync, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, io, this.allowCut,
				this.linger);
	}

	public LogOptions withRecoveryPoints(Duration interval, long bytes) {
		return new LogOptions(this.fsync, this.fsyncInterval, interval, bytes, this.io, this.allowCut, this.linger);
	}

	public LogOptions withFsyncInterval(Duration interval) {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The fsync interval must be positive, got " + interval);
		}
		return new LogOptions(this.fsync, interval, this.recoveryPointInterval, this.recoveryPointBytes, this.io,
				this.allowCut, this.linger);
	}

	public LogOptions withFsync(FsyncPolicy policy) {
		return new LogOptions(policy, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, this.io,
				this.allowCut, this.linger);
	}

	public LogOptions withAllowCut(boolean allowCut) {
		return new LogOptions(this.fsync, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, this.io,
				allowCut, this.linger);
	}
}
