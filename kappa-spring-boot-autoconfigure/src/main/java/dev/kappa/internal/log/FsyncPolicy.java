package dev.kappa.internal.log;

/**
 * When appended entries are forced to the storage device.
 */
public enum FsyncPolicy {

	/** Before {@code append} returns: an acknowledged entry survives a power loss. */
	BATCH,

	/** In the background at a fixed interval: a power loss may lose that interval's appends. */
	INTERVAL,

	/** Left to the operating system: a process crash loses nothing, a power loss may lose recent appends. */
	NEVER
}
