package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.kappa.core.DeadLetter;
import dev.kappa.core.KappaException;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries one view skipped ({@code kappa_view_errors}): listed in log order, and retried in that order
 * once the cause is fixed, each retry in its own transaction with the removal of its dead letter.
 */
final class DeadLetters {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private final String view;

	private final DataSource dataSource;

	private final LogStore store;

	DeadLetters(String view, DataSource dataSource, LogStore store) {
		this.view = view;
		this.dataSource = dataSource;
		this.store = store;
	}

	/** The dead letters, by log key then seq. */
	List<DeadLetter> list() {
		try (Connection connection = this.dataSource.getConnection()) {
			return ViewCatalog.errors(connection, this.view);
		}
		catch (SQLException ex) {
			throw new KappaException("Cannot read the dead letters of view '" + this.view + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Retries every dead letter in log order through {@code batch} (on the view's own thread).
	 * @return the dead letters that still fail, with their new errors
	 */
	List<DeadLetter> retry(IndexingBatch batch) throws SQLException {
		List<DeadLetter> letters = list();
		int handled = 0;
		for (DeadLetter letter : letters) {
			SignedLog log = this.store.find(letter.log()).orElse(null);
			if (log == null || letter.seq() >= log.length()) {
				logger.warn("View '{}': dead letter {} of log {} cannot be retried, this database no longer holds the entry",
						this.view, letter.seq(), letter.log());
				continue;
			}
			IndexingBatch.Failure failure = batch.retry(log, letter.seq());
			if (failure == null) {
				handled++;
			}
			else {
				logger.warn("{}; it stays a dead letter", failure.describe(this.view));
			}
		}
		List<DeadLetter> left = new ArrayList<>(list());
		logger.info("View '{}': retried {} dead letters, {} handled, {} still failing", this.view, letters.size(),
				handled, left.size());
		return left;
	}
}
