package dev.kappa.internal.indexer;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The filter of written ids never forgets an id, rarely claims one it never saw, and stays bounded. */
class WrittenIdsTests {

	@Test
	void everyAddedIdIsAMaybeAndFewOthersAre() {
		WrittenIds ids = new WrittenIds();
		int n = 300_000; // spans several bit sets of the chain
		for (long i = 0; i < n; i++) {
			ids.add(i);
		}
		for (long i = 0; i < n; i++) {
			assertThat(ids.mightContain(i)).as("id %d", i).isTrue();
		}
		int falseMaybes = 0;
		for (long i = n; i < 2L * n; i++) {
			falseMaybes += ids.mightContain(i) ? 1 : 0;
		}
		assertThat(falseMaybes).isLessThan(n * 3 / 100);
	}

	@Test
	void otherIdTypesByValue() {
		long seed = 20261202L;
		Random random = new Random(seed);
		WrittenIds ids = new WrittenIds();
		UUID uuid = new UUID(random.nextLong(), random.nextLong());
		String key = "k" + random.nextInt();
		ids.add(key);
		ids.add(uuid);
		ids.add(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		ids.add(42);
		assertThat(ids.mightContain(new String(key.toCharArray()))).isTrue();
		assertThat(ids.mightContain(new UUID(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits()))).isTrue();
		assertThat(ids.mightContain(ByteBuffer.wrap(new byte[] { 1, 2, 3 }))).isTrue();
		assertThat(ids.mightContain(42)).isTrue();
		assertThat(new WrittenIds().mightContain("k")).isFalse();
	}

	@Test
	void fullAtItsBoundAndEmptyAfterClear() {
		WrittenIds ids = new WrittenIds();
		for (long i = 0; i < WrittenIds.MAX_IDS; i++) {
			assertThat(ids.full()).isFalse();
			ids.add(i);
		}
		assertThat(ids.full()).isTrue();
		assertThat(ids.mightContain(WrittenIds.MAX_IDS - 1L)).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> ids.add(-1L));
		ids.clear();
		assertThat(ids.full()).isFalse();
		assertThat(ids.mightContain(0L)).isFalse();
	}

	@Test
	void numbersAboveTheLargestAddedAreNeverMaybeSeed20261202() {
		java.util.Random random = new java.util.Random(20261202L);
		WrittenIds ids = new WrittenIds();
		java.util.List<Long> added = new java.util.ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			long id = random.nextInt(1_000_000); // out of order, with repeats
			ids.add(id);
			added.add(id);
		}
		long max = added.stream().mapToLong(Long::longValue).max().orElseThrow();
		assertThat(added).allMatch(ids::mightContain);
		// below the largest id the bit sets answer, about 1% "maybe" for ids never added; above it none at all
		long maybeAbove = java.util.stream.LongStream.range(max + 1, max + 100_001).filter(ids::mightContain).count();
		assertThat(maybeAbove).isZero();
		assertThat(ids.mightContain(Integer.valueOf(7))).as("Integer ids compare by value too")
			.isEqualTo(ids.mightContain(7L));
		ids.clear();
		ids.add(-5L);
		assertThat(ids.mightContain(-5L)).isTrue();
		assertThat(ids.mightContain(-4L)).isFalse();
	}
}
