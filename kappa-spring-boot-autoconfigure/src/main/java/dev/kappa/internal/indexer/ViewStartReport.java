package dev.kappa.internal.indexer;

import dev.kappa.core.ViewStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line each view logs when it starts: current (name, version, entries) or why it is rebuilt, with the
 * number of entries it has to index or replay, so a plain restart can be told from a rebuild at a glance.
 */
final class ViewStartReport {

	private static final Logger logger = LoggerFactory.getLogger(ViewStartReport.class);

	private ViewStartReport() {
	}

	static void log(ViewDeclaration view, String rebuildReason, ViewStatus status) {
		logger.info(message(view, rebuildReason, status));
	}

	static String message(ViewDeclaration view, String rebuildReason, ViewStatus status) {
		long behind = status.total() - status.processed();
		String head = "View '" + view.name() + "' (version " + view.version() + ")";
		if (rebuildReason != null) {
			return head + " is rebuilt (" + rebuildReason + "): " + status.total() + " entries to replay";
		}
		if (behind == 0) {
			return head + " is current: " + status.processed() + " entries, nothing to replay";
		}
		return head + " is current up to " + status.processed() + " entries; " + behind + " new entries to index";
	}
}
