package dev.kappa.internal.replication;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes, entries and log capture for the replication tests. */
final class ReplicationTesting {

	private static final byte[] TYPE = Envelope.typeBytes("put");

	private ReplicationTesting() {
	}

	/** The envelope of kv-N entry {@code i}: {@code {"id":i,"key":"k"+(i%10000),"value":"v"+i}}. */
	static byte[] entry(long i) {
		String json = "{\"id\":" + i + ",\"key\":\"k" + (i % 10000) + "\",\"value\":\"v" + i + "\"}";
		return Envelope.encode(TYPE, Instant.ofEpochSecond(1_700_000_000L, i * 1000), json.getBytes(StandardCharsets.UTF_8));
	}

	/** Appends kv entries {@code [from, from+count)} in batches of {@code batch}. */
	/**
	 * A writer whose key is on two machines: a local log "default" of 5 entries under {@code original}, and a copy of
	 * that storage dir at {@code twin}, where the same key can sign a different continuation (a fork).
	 * @return the writer's key
	 */
	static dev.kappa.core.LogKey twinnedWriter(java.nio.file.Path original, java.nio.file.Path twin) throws java.io.IOException {
		dev.kappa.core.LogKey key;
		try (LogStore store = LogStore.open(original, LogOptions.defaults())) {
			SignedLog log = store.writer("default");
			append(log, 0, 5, 5);
			key = log.key();
		}
		dev.kappa.TestFiles.copy(original, twin);
		return key;
	}

	static void append(SignedLog log, long from, long count, int batch) {
		for (long i = from; i < from + count; i += batch) {
			int n = (int) Math.min(batch, from + count - i);
			List<byte[]> entries = new ArrayList<>(n);
			for (int j = 0; j < n; j++) {
				entries.add(entry(i + j));
			}
			log.append(entries);
		}
	}

	/** A database with replication, closed in order (replication, then logs). */
	static final class TestNode implements AutoCloseable {

		final Path dir;

		final LogStore store;

		final Replicator replicator;

		TestNode(Path dir, ReplicationOptions options) {
			this(dir, options, LogOptions.defaults());
		}

		TestNode(Path dir, ReplicationOptions options, LogOptions logOptions) {
			this.dir = dir;
			this.store = LogStore.open(dir, logOptions);
			try {
				this.replicator = new Replicator(this.store, options);
			}
			catch (RuntimeException ex) {
				this.store.close();
				throw ex;
			}
		}

		/** A node with a server on a free port of 127.0.0.1, started. */
		static TestNode server(Path dir, NetworkKey key, UnaryOperator<ReplicationOptions> customize) {
			TestNode node = new TestNode(dir, customize.apply(options(dir, key).withServer("127.0.0.1", 0, null)));
			node.replicator.start();
			return node;
		}

		/** A node without a server, not started. */
		static TestNode client(Path dir, NetworkKey key, UnaryOperator<ReplicationOptions> customize) {
			return new TestNode(dir, customize.apply(options(dir, key)));
		}

		java.net.URI tcp() {
			return java.net.URI.create("tcp://127.0.0.1:" + this.replicator.port());
		}

		java.net.URI ws() {
			return java.net.URI.create("ws://127.0.0.1:" + this.replicator.port() + ReplicationOptions.DEFAULT_WEBSOCKET_PATH);
		}

		@Override
		public void close() {
			try {
				this.replicator.close();
			}
			finally {
				this.store.close();
			}
		}
	}

	static ReplicationOptions options(Path dir, NetworkKey key) {
		return ReplicationOptions.defaults(dir, key).withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));
	}

	/** Asserts that both stores hold the same logs with the same signed heads, each verifying. */
	static void assertSameLogs(LogStore a, LogStore b) {
		List<SignedLog> left = a.logs();
		List<SignedLog> right = b.logs();
		assertThat(right).extracting(SignedLog::key).containsExactlyElementsOf(left.stream().map(SignedLog::key).toList());
		for (int i = 0; i < left.size(); i++) {
			LogHead x = left.get(i).head();
			LogHead y = right.get(i).head();
			assertThat(y.length()).as("length of %s", left.get(i).key()).isEqualTo(x.length());
			assertThat(y.treeHash()).as("tree hash of %s", left.get(i).key()).isEqualTo(x.treeHash());
			right.get(i).verify();
		}
	}

	/** Whether both stores hold the same logs at the same lengths (for Awaitility). */
	static boolean sameLengths(LogStore a, LogStore b) {
		List<SignedLog> left = a.logs();
		List<SignedLog> right = b.logs();
		if (left.size() != right.size()) {
			return false;
		}
		for (int i = 0; i < left.size(); i++) {
			if (!left.get(i).key().equals(right.get(i).key()) || left.get(i).length() != right.get(i).length()) {
				return false;
			}
		}
		return true;
	}

	/** Captures WARN lines of the replication package while open. */
	static final class WarnCapture implements AutoCloseable {

		private final Logger logger = (Logger) LoggerFactory.getLogger("dev.kappa.internal.replication");

		private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

		WarnCapture() {
			this.appender.start();
			this.logger.addAppender(this.appender);
		}

		/** Every message, at any level. */
		List<String> all() {
			synchronized (this.appender.list) {
				return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
			}
		}

		List<String> warnings() {
			synchronized (this.appender.list) {
				return this.appender.list.stream()
					.filter(e -> e.getLevel() == Level.WARN)
					.map(ILoggingEvent::getFormattedMessage)
					.toList();
			}
		}

		@Override
		public void close() {
			this.logger.detachAppender(this.appender);
		}
	}
}
