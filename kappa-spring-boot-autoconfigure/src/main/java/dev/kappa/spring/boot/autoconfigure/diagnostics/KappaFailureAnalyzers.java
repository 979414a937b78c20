package dev.kappa.spring.boot.autoconfigure.diagnostics;

import java.net.BindException;

import dev.kappa.internal.log.CorruptLogException;
import dev.kappa.internal.log.StorageDirectoryInUseException;
import dev.kappa.internal.replication.ReplicationException;
import dev.kappa.spring.boot.autoconfigure.InvalidKappaPropertyException;
import dev.kappa.spring.boot.autoconfigure.diagnostics.SpringBootVersionCheck.IncompatibleSpringBootException;
import dev.kappa.view.ViewDefinitionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's "APPLICATION FAILED TO START" report (description and action, no stack trace) for the start-up
 * failures of kappa-spring. Each analyzer is registered in {@code META-INF/spring.factories}.
 */
final class KappaFailureAnalyzers {

	private KappaFailureAnalyzers() {
	}

	/** A storage dir held by another database: the dir, the holder's pid when known, {@code kappa.storage-dir}. */
	public static class StorageDirectoryInUse extends AbstractFailureAnalyzer<StorageDirectoryInUseException> {

		@Override
		protected FailureAnalysis analyze(Throwable root, StorageDirectoryInUseException cause) {
			String holder = cause.holderPid() == null ? "another kappa database" : "another kappa database (process "
					+ cause.holderPid() + ")";
			return new FailureAnalysis("The storage directory " + cause.directory() + " (kappa.storage-dir) is held by "
					+ holder + ". Two databases never share a storage directory.",
					"Stop the other process, or give this application its own kappa.storage-dir. In tests, depend on"
							+ " dev.kappa:kappa-spring-boot-starter-test: every test context then gets a fresh one.",
					cause);
		}
	}

	/** The replication port is taken. */
	public static class ReplicationPortInUse extends AbstractFailureAnalyzer<BindException> {

		private final Environment environment;

		public ReplicationPortInUse(Environment environment) {
			this.environment = environment;
		}

		@Override
		protected FailureAnalysis analyze(Throwable root, BindException cause) {
			if (findCause(root, ReplicationException.class) == null) {
				return null;
			}
			String address = this.environment.getProperty("kappa.replication.bind-address", "0.0.0.0");
			String port = this.environment.getProperty("kappa.replication.port", "?");
			return new FailureAnalysis("Replication cannot listen on " + address + ":" + port
					+ " (kappa.replication.port): " + cause.getMessage() + ".",
					"Stop the process that listens on port " + port + ", or set kappa.replication.port to another"
							+ " port (0 picks a free one, published as local.kappa.replication.port).",
					cause);
		}
	}

	/** A log whose files are corrupt: the file and offset, and that nothing was changed. */
	public static class CorruptLog extends AbstractFailureAnalyzer<CorruptLogException> {

		@Override
		protected FailureAnalysis analyze(Throwable root, CorruptLogException cause) {
			return new FailureAnalysis(cause.getMessage() + ". The log was not opened and nothing in it was changed.",
					"Keep a copy of " + cause.file() + " for investigation, then restore that log's directory from a"
							+ " backup, or move it away and replicate the log back from a peer that holds it.",
					cause);
		}
	}

	/** A {@code @KappaView} declared wrongly. */
	public static class InvalidView extends AbstractFailureAnalyzer<ViewDefinitionException> {

		@Override
		protected FailureAnalysis analyze(Throwable root, ViewDefinitionException cause) {
			return new FailureAnalysis(cause.getMessage(),
					"Fix the view class named above: docs/views.md says what a @KappaView may declare.", cause);
		}
	}

	/** A {@code kappa.*} value that cannot be used (never shows the value). */
	public static class InvalidProperty extends AbstractFailureAnalyzer<InvalidKappaPropertyException> {

		@Override
		protected FailureAnalysis analyze(Throwable root, InvalidKappaPropertyException cause) {
			return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
		}
	}

	/** Spring Boot older than the one kappa-spring was built with. */
	public static class IncompatibleSpringBoot extends AbstractFailureAnalyzer<IncompatibleSpringBootException> {

		@Override
		protected FailureAnalysis analyze(Throwable root, IncompatibleSpringBootException cause) {
			return new FailureAnalysis(cause.getMessage(),
					"Upgrade the application's Spring Boot (docs/getting-started.md names the version kappa-spring needs).",
					cause);
		}
	}
}
