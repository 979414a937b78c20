package dev.kappa.internal.indexer;

import dev.kappa.view.ViewErrorPolicy;

/**
 * How views are indexed.
 * <p>
 * Internal: built by the auto-configuration from {@code kappa.views.*}.
 *
 * @param batchSize entries per indexing transaction
 * @param onError what a view does when a handler throws
 */
public record ViewOptions(int batchSize, ViewErrorPolicy onError) {

	public ViewOptions {
		if (batchSize < 1) {
			throw new IllegalArgumentException("The batch size must be at least 1, got " + batchSize);
		}
	}

	public static ViewOptions defaults() {
		return new ViewOptions(200_000, ViewErrorPolicy.STOP);
	}
}
