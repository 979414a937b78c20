package dev.kappa.internal.log;

/** Told about every batch a {@link SignedLog} made durable (its own appends and verified entries from peers). */
interface AppendListener {

	void appended(SignedLog log, long newLength);
}
