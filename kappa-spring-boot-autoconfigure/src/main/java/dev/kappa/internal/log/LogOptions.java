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
 */
public record LogOptions(FsyncPolicy fsync, Duration fsyncInterval, Duration recoveryPointInterval,
		long recoveryPointBytes, LogFileIo io, boolean allowCut) {

	public static LogOptions defaults() {
		return new LogOptions(FsyncPolicy.BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5), 32L << 20,
				LogFileIo.DEFAULT, false);
	}

	LogOptions withFileIo(LogFileIo io) {
		return new LogOptions(this.fsync, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, io, this.allowCut);
	}

	public LogOptions withRecoveryPoints(Duration interval, long bytes) {
		return new LogOptions(this.fsync, this.fsyncInterval, interval, bytes, this.io, this.allowCut);
	}

	public LogOptions withFsyncInterval(Duration interval) {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The fsync interval must be positive, got " + interval);
		}
		return new LogOptions(this.fsync, interval, this.recoveryPointInterval, this.recoveryPointBytes, this.io, this.allowCut);
	}

	public LogOptions withFsync(FsyncPolicy policy) {
		return new LogOptions(policy, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, this.io, this.allowCut);
	}

	public LogOptions withAllowCut(boolean allowCut) {
		return new LogOptions(this.fsync, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes, this.io,
				allowCut);
	}
}
