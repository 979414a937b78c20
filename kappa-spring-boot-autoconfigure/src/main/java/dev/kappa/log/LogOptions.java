package dev.kappa.log;

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
 */
public record LogOptions(FsyncPolicy fsync, Duration fsyncInterval, Duration recoveryPointInterval,
		long recoveryPointBytes) {

	public static LogOptions defaults() {
		return new LogOptions(FsyncPolicy.BATCH, Duration.ofSeconds(1), Duration.ofSeconds(5), 32L << 20);
	}

	public LogOptions withFsyncInterval(Duration interval) {
		if (interval == null || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The fsync interval must be positive, got " + interval);
		}
		return new LogOptions(this.fsync, interval, this.recoveryPointInterval, this.recoveryPointBytes);
	}

	public LogOptions withFsync(FsyncPolicy policy) {
		return new LogOptions(policy, this.fsyncInterval, this.recoveryPointInterval, this.recoveryPointBytes);
	}
}
