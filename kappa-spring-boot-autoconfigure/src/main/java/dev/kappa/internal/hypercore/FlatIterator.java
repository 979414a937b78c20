package dev.kappa.internal.hypercore;

/**
 * flat-tree's iterator, step for step: hypercore builds its proofs by walking it, and a peer that builds them
 * another way sends nodes in another order, which Node rejects. Indexes are flat-tree indexes (leaf of block
 * {@code i} at {@code 2i}).
 */
final class FlatIterator {

	long index;

	long offset;

	long factor;

	FlatIterator(long index) {
		seek(index);
	}

	/** The index of the rightmost leaf under {@code index}. */
	static long rightSpan(long index) {
		int depth = Long.numberOfTrailingZeros(~index);
		return depth == 0 ? index : (((index >>> (depth + 1)) + 1) << (depth + 1)) - 2;
	}

	void seek(long index) {
		this.index = index;
		if ((index & 1) != 0) {
			int depth = Long.numberOfTrailingZeros(~index);
			this.offset = index >>> (depth + 1);
			this.factor = 1L << (depth + 1);
		}
		else {
			this.offset = index / 2;
			this.factor = 2;
		}
	}

	boolean isLeft() {
		return (this.offset & 1) == 0;
	}

	boolean contains(long i) {
		return i > this.index ? i < this.index + this.factor / 2
				: i < this.index ? i > this.index - this.factor / 2 : true;
	}

	long next() {
		this.offset++;
		this.index += this.factor;
		return this.index;
	}

	long prev() {
		if (this.offset == 0) {
			return this.index;
		}
		this.offset--;
		this.index -= this.factor;
		return this.index;
	}

	long sibling() {
		return isLeft() ? next() : prev();
	}

	long parent() {
		if ((this.offset & 1) != 0) {
			this.index -= this.factor / 2;
			this.offset = (this.offset - 1) / 2;
		}
		else {
			this.index += this.factor / 2;
			this.offset /= 2;
		}
		this.factor *= 2;
		return this.index;
	}

	long nextTree() {
		this.index = this.index + this.factor / 2 + 1;
		this.offset = this.index / 2;
		this.factor = 2;
		return this.index;
	}

	/** Moves up to the full root that starts here and ends before {@code end}; false when there is none. */
	boolean fullRoot(long end) {
		if (end <= this.index || (this.index & 1) > 0) {
			return false;
		}
		while (end > this.index + this.factor + this.factor / 2) {
			this.index += this.factor / 2;
			this.factor *= 2;
			this.offset /= 2;
		}
		return true;
	}
}
