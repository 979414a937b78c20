package dev.kappa.view;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A view's tables inside its indexing transaction. Everything done through it commits together with the
 * view's checkpoint, so each entry affects the view exactly once, across crashes and restarts.
 */
public interface ViewTables {

	/** Inserts the row, or replaces the row with the same id. */
	void upsert(Object row);

	/** Inserts the row; fails the batch if a row with the same id exists. */
	void insert(Object row);

	/** The row of {@code table} with this id, seeing this transaction's own writes. */
	<T> Optional<T> find(Class<T> table, Object id);

	/** Deletes the row of {@code table} with this id, if there is one. */
	void delete(Class<?> table, Object id);

	/** A {@link JdbcClient} bound to the same transaction, for anything else. */
	JdbcClient jdbc();
}
