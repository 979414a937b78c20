package dev.kappa.internal.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;

/**
 * Where a view starts: the checkpoints stored in the view database, unless they cannot be trusted. A view whose
 * checkpoints are ahead of the logs, or whose H2 database was not closed cleanly ({@link UncleanShutdown}), is
 * rebuilt from all logs first and starts from none.
 *
 * @param checkpoints the next seq to process per log
 * @param rebuildReason why the view is rebuilt from all logs, or {@code null} if it is not
 * @param rebuilding whether it is rebuilt from all logs
 */
record ViewStart(Map<LogKey, Long> checkpoints, String rebuildReason, boolean rebuilding) {

	/** Reads the view's checkpoints, rebuilding the view first if they cannot be trusted. */
	static ViewStart of(ViewSchema.Prepared prepared, DataSource dataSource, LogStore store,
			boolean afterUncleanShutdown) {
		String view = prepared.view().name();
		Map<LogKey, Long> stored = readCheckpoints(dataSource, view);
		String ahead = aheadOfLogs(store, stored);
		String reason = prepared.rebuildReason();
		if (ahead != null) {
			ViewSchema.rebuildAhead(dataSource, prepared, ahead);
			reason = "ahead of the logs";
		}
		else if (afterUncleanShutdown && !prepared.rebuilding()) {
			ViewSchema.rebuildAfterUncleanShutdown(dataSource, prepared);
			reason = "the H2 view database was not closed cleanly";
		}
		if (ahead != null || afterUncleanShutdown) {
			return new ViewStart(readCheckpoints(dataSource, view), reason, true);
		}
		return new ViewStart(stored, reason, prepared.rebuilding());
	}

	private static Map<LogKey, Long> readCheckpoints(DataSource dataSource, String view) {
		try (Connection connection = dataSource.getConnection()) {
			return ViewCatalog.checkpoints(connection, view);
		}
		catch (SQLException ex) {
			throw new KappaException("Cannot read the checkpoints of view '" + view + "': " + ex.getMessage(), ex);
		}
	}

	/** Why the stored checkpoints are ahead of the logs, or {@code null} if they are not. */
	private static String aheadOfLogs(LogStore store, Map<LogKey, Long> stored) {
		for (Map.Entry<LogKey, Long> checkpoint : stored.entrySet()) {
			long length = store.find(checkpoint.getKey()).map(SignedLog::length).orElse(-1L);
			if (length < 0) {
				return "it processed log " + checkpoint.getKey() + ", which this database no longer holds";
			}
			if (checkpoint.getValue() > length) {
				return "it processed " + checkpoint.getValue() + " entries of log " + checkpoint.getKey()
						+ ", which now holds " + length;
			}
		}
		return null;
	}
}
