package dev.kappa.internal.indexer;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids written to one view table since it was seen empty, as a Bloom filter: {@link #mightContain} is never
 * wrong when it says no (an id that was {@link #add}ed is always "maybe"), and says "maybe" for about 1% of the
 * ids never added. {@link BufferedViewTables} inserts a row whose id is "definitely not written" with a plain
 * {@code INSERT} instead of an upsert.
 * <p>
 * Memory is bounded: the filter is a chain of bit sets, the first for {@link #FIRST_CAPACITY} ids and each next
 * one twice as large, added as ids come; it holds at most {@link #MAX_IDS} ids (about 2.6 MB), then reports
 * {@link #full()} and the table goes back to upserts. Not thread-safe (one view thread).
 */
final class WrittenIds {

	/** Ids the first bit set is sized for. */
	static final int FIRST_CAPACITY = 1 << 15;

	/** Ids the whole chain holds: 32,768 x (1 + 2 + ... + 32). */
	static final int MAX_IDS = FIRST_CAPACITY * 63;

	/** Bits per id and probes per id: a false "maybe" rate of about 1% per bit set. */
	private static final int BITS_PER_ID = 10;

	private static final int PROBES = 5;

	private final List<long[]> sets = new ArrayList<>();

	/** Ids added to the last bit set. */
	private int inLast;

	private int total;

	/** The largest numeric id added: a larger one was never added, with no need to probe the bit sets. */
	private long maxNumber = Long.MIN_VALUE;

	/** Whether the filter holds as many ids as it may; {@link #add} must not be called any more. */
	boolean full() {
		return this.total >= MAX_IDS;
	}

	/** Forgets every id (the table is empty again). */
	void clear() {
		this.sets.clear();
		this.inLast = 0;
		this.total = 0;
		this.maxNumber = Long.MIN_VALUE;
	}

	/** Records that a row with this id (a map key of {@link BufferedViewTables}) was written. */
	void add(Object key) {
		if (full()) {
			throw new IllegalStateException("The filter of written ids is full");
		}
		if (this.sets.isEmpty() || this.inLast >= FIRST_CAPACITY << (this.sets.size() - 1)) {
			this.sets.add(new long[(FIRST_CAPACITY << this.sets.size()) * BITS_PER_ID / Long.SIZE]);
			this.inLast = 0;
		}
		long[] bits = this.sets.get(this.sets.size() - 1);
		long hash = hash(key);
		int h1 = (int) hash;
		int h2 = (int) (hash >>> 32) | 1;
		for (int i = 0; i < PROBES; i++) {
			int bit = bit(bits, h1 + i * h2);
			bits[bit >>> 6] |= 1L << bit;
		}
		this.inLast++;
		this.total++;
		if (key instanceof Long || key instanceof Integer) {
			this.maxNumber = Math.max(this.maxNumber, ((Number) key).longValue());
		}
	}

	/** False only if no row with this id was {@link #add}ed since the last {@link #clear}. */
	boolean mightContain(Object key) {
		if ((key instanceof Long || key instanceof Integer) && ((Number) key).longValue() > this.maxNumber) {
			return false; // ids that only grow (an entry's own number, a sequence) never reach the bit sets
		}
		long hash = hash(key);
		int h1 = (int) hash;
		int h2 = (int) (hash >>> 32) | 1;
		for (long[] bits : this.sets) {
			if (contains(bits, h1, h2)) {
				return true;
			}
		}
		return false;
	}

	private static boolean contains(long[] bits, int h1, int h2) {
		for (int i = 0; i < PROBES; i++) {
			int bit = bit(bits, h1 + i * h2);
			if ((bits[bit >>> 6] & 1L << bit) == 0) {
				return false;
			}
		}
		return true;
	}

	/** A probe's bit in {@code bits}: the 32-bit probe scaled to the set's size. */
	private static int bit(long[] bits, int probe) {
		return (int) (((probe & 0xFFFF_FFFFL) * (bits.length * (long) Long.SIZE)) >>> 32);
	}

	/** A well-mixed 64-bit hash of an id: the value itself for numbers, else {@code hashCode()}, through SplitMix64. */
	private static long hash(Object key) {
		long z = key instanceof Long l ? l : key instanceof Integer i ? i : key.hashCode();
		z += 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
