package dev.kappa.spring.boot.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.view.ViewErrorPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of kappa-spring, under the prefix {@code kappa}. Checked as it is bound: a wrong value fails
 * start-up naming the property ({@link #validate}).
 */
@ConfigurationProperties("kappa")
public class KappaProperties implements Validator {

	/**
	 * Directory holding the logs, their keys, the node's keys and (by default) the view database.
	 */
	private Path storageDir = Path.of("./kappa-data");

	private final Log log = new Log();

	private final Views views = new Views();

	private final Replication replication = new Replication();

	private final Hypercore hypercore = new Hypercore();

	private final Health health = new Health();

	public Path getStorageDir() {
		return this.storageDir;
	}

	public void setStorageDir(Path storageDir) {
		this.storageDir = storageDir;
	}

	public Log getLog() {
		return this.log;
	}

	public Views getViews() {
		return this.views;
	}

	public Replication getReplication() {
		return this.replication;
	}

	public Hypercore getHypercore() {
		return this.hypercore;
	}

	public Health getHealth() {
		return this.health;
	}

	@Override
	public boolean supports(Class<?> type) {
		return KappaProperties.class.isAssignableFrom(type);
	}

	/** Checks the bound values ({@link KappaPropertiesValidator}): Spring Boot calls it as it binds {@code kappa.*}. */
	@Override
	public void validate(Object target, Errors errors) {
		KappaPropertiesValidator.validate((KappaProperties) target, errors);
	}

	/** How logs are written. */
	public static class Log {

		/**
		 * When appended entries are forced to disk: 'batch' (before append returns), 'interval' (every
		 * fsync-interval) or 'never' (left to the operating system).
		 */
		private FsyncPolicy fsync = FsyncPolicy.BATCH;

		/**
		 * How often entries are forced to disk when fsync is 'interval'.
		 */
		private Duration fsyncInterval = Duration.ofSeconds(1);

		/**
		 * When fsync is 'never' or 'interval': how long an append's entries may wait, queued with their seqs, to be
		 * signed and written together with the next appends (append returns once they are queued; reads, ready()
		 * and close() write them first). A process crash may lose what is queued. 0: each append writes its
		 * entries before it returns. Ignored for 'batch'.
		 */
		private Duration linger = Duration.ofMillis(1);

		public FsyncPolicy getFsync() {
			return this.fsync;
		}

		public void setFsync(FsyncPolicy fsync) {
			this.fsync = fsync;
		}

		public Duration getFsyncInterval() {
			return this.fsyncInterval;
		}

		public void setFsyncInterval(Duration fsyncInterval) {
			this.fsyncInterval = fsyncInterval;
		}

		public Duration getLinger() {
			return this.linger;
		}

		public void setLinger(Duration linger) {
			this.linger = linger;
		}

		private final Recovery recovery = new Recovery();

		public Recovery getRecovery() {
			return this.recovery;
		}

		/** How a log is recovered at open. */
		public static class Recovery {

			/**
			 * Whether opening a damaged log may cut it back to its last intact frame where the cut may include
			 * acknowledged entries (a corrupt frame before the last, a length that cannot be trusted, a data
			 * file shorter than its recovery point or index). Off: such a log fails to open, naming the file
			 * and offset. After such a cut, the writer's own log refuses appends until its 'log.cut' file is
			 * deleted.
			 */
			private boolean allowCut;

			public boolean isAllowCut() {
				return this.allowCut;
			}

			public void setAllowCut(boolean allowCut) {
				this.allowCut = allowCut;
			}
		}
	}

	/** How views are indexed. */
	public static class Views {

		/**
		 * JDBC URL of the database holding the view tables. Defaults to an embedded H2 file database under the
		 * storage directory, unless the application defines its own DataSource (then views use that one).
		 */
		private String datasource;

		/**
		 * Most entries per indexing transaction. Larger batches let repeated writes to a row coalesce (a key
		 * updated a thousand times in a batch is written once) and commit less often; a batch never waits for
		 * entries, so this does not delay live indexing. Buffered rows are written into the transaction every
		 * 50,000 distinct rows, so memory stays bounded.
		 */
		private int batchSize = 200_000;

		/**
		 * What a view does when a handler throws: 'stop' the view (others go on) or 'skip' the entry and record
		 * it in the errors table.
		 */
		private ViewErrorPolicy onError = ViewErrorPolicy.STOP;

		/**
		 * PostgreSQL schema holding this node's view tables and checkpoints, claimed while the node runs (a second
		 * live node with the same schema fails start-up). Defaults to 'kappa_' and 12 random hex digits, made once
		 * and kept in the storage directory (view-schema). Ignored on H2, whose database file is the node's own.
		 */
		private String schema;

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

		public String getDatasource() {
			return this.datasource;
		}

		public void setDatasource(String datasource) {
			this.datasource = datasource;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public ViewErrorPolicy getOnError() {
			return this.onError;
		}

		public void setOnError(ViewErrorPolicy onError) {
			this.onError = onError;
		}
	}

	/** A server this node runs and the peers it dials: the part that replication and hypercore share. */
	public abstract static class Server {

		/**
		 * Port of the server (replication: raw TCP and WebSocket on the same port; hypercore: plain TCP, as Node's
		 * 'core.replicate(socket)'). Unset: no server. 0: any free port, published as 'local.kappa.replication.port'
		 * or 'local.kappa.hypercore.port'.
		 */
		private Integer port;

		/**
		 * Address the server binds to.
		 */
		private String bindAddress = "0.0.0.0";

		/**
		 * Peers to dial and keep live sessions with, reconnecting with backoff: 'tcp://host:port', or for replication
		 * also 'ws://host:port/path'.
		 */
		private List<URI> peers = new ArrayList<>();

		public Integer getPort() {
			return this.port;
		}

		public void setPort(Integer port) {
			this.port = port;
		}

		public String getBindAddress() {
			return this.bindAddress;
		}

		public void setBindAddress(String bindAddress) {
			this.bindAddress = bindAddress;
		}

		public List<URI> getPeers() {
			return this.peers;
		}

		public void setPeers(List<URI> peers) {
			this.peers = peers;
		}
	}

	/**
	 * How this database replicates with others: its server takes raw TCP and WebSocket on the same port, its peers
	 * are 'tcp://host:port' or 'ws://host:port/path'.
	 */
	public static class Replication extends Server {

		/**
		 * Path of the WebSocket endpoint on the replication port.
		 */
		private String websocketPath = "/kappa/replicate";

		/**
		 * Network key (64 hex characters): only peers holding it can replicate. Better given through the
		 * environment variable KAPPA_REPLICATION_NETWORKKEY or 'network-key-file' than on the command line. If
		 * neither is set, a key is generated when replication is first used and stored (owner-only) in
		 * '<storage-dir>/replication/network.key'. Never logged nor echoed in errors.
		 */
		private String networkKey;

		/**
		 * File holding the network key (64 hex characters), instead of 'network-key': keeps the key off the
		 * command line and out of the environment. A generated 'replication/network.key' can be copied to peers
		 * and named here.
		 */
		private Path networkKeyFile;

		/**
		 * Connections the replication server holds at once (authenticated or not); more are closed as soon as
		 * they are accepted and counted. The default keeps a node serving under a 1,024 file descriptor limit.
		 */
		private int maxConnections = 256;

		/**
		 * Connections the replication server holds at once from one remote address.
		 */
		private int maxConnectionsPerAddress = 32;

		/**
		 * Distinct logs a peer may announce in one session; a peer announcing more is disconnected.
		 */
		private int maxLogsPerSession = 1000;

		/**
		 * Logs this node holds in all (its own and replicas); a peer's further logs are not replicated.
		 */
		private int maxLogs = 1000;

		public String getWebsocketPath() {
			return this.websocketPath;
		}

		public void setWebsocketPath(String websocketPath) {
			this.websocketPath = websocketPath;
		}

		public String getNetworkKey() {
			return this.networkKey;
		}

		public void setNetworkKey(String networkKey) {
			this.networkKey = networkKey;
		}

		public Path getNetworkKeyFile() {
			return this.networkKeyFile;
		}

		public void setNetworkKeyFile(Path networkKeyFile) {
			this.networkKeyFile = networkKeyFile;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getMaxConnectionsPerAddress() {
			return this.maxConnectionsPerAddress;
		}

		public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
			this.maxConnectionsPerAddress = maxConnectionsPerAddress;
		}

		public int getMaxLogsPerSession() {
			return this.maxLogsPerSession;
		}

		public void setMaxLogsPerSession(int maxLogsPerSession) {
			this.maxLogsPerSession = maxLogsPerSession;
		}

		public int getMaxLogs() {
			return this.maxLogs;
		}

		public void setMaxLogs(int maxLogs) {
			this.maxLogs = maxLogs;
		}
	}

	/**
	 * How this database speaks hypercore with Node hypercore 11 peers (see docs/hypercore.md). Hypercore has no
	 * network key: anyone who knows an exposed log's key can read it. Its server speaks plain TCP, as Node's
	 * 'core.replicate(socket)'; its peers are 'tcp://host:port'.
	 */
	public static class Hypercore extends Server {

		/**
		 * Local logs, by name, that hypercore peers may read ('*' for all). Default: none.
		 */
		private List<String> expose = new ArrayList<>();

		/**
		 * Keys (64 hex characters) of compat hypercore cores to follow from the peers (dialled or connecting): each
		 * is downloaded, verified and kept as a read-only log.
		 */
		private List<String> follow = new ArrayList<>();

		public List<String> getFollow() {
			return this.follow;
		}

		public void setFollow(List<String> follow) {
			this.follow = follow;
		}

		public List<String> getExpose() {
			return this.expose;
		}

		public void setExpose(List<String> expose) {
			this.expose = expose;
		}
	}

	/** The {@code kappa} health contributor (with Spring Boot Actuator). */
	public static class Health {

		/**
		 * Entries a view may be behind its logs while indexing and still count as UP; beyond that it is
		 * OUT_OF_SERVICE (so a readiness group that includes 'kappa' takes the node out of rotation). A
		 * rebuilding view is always OUT_OF_SERVICE.
		 */
		private long maxLag = 10_000;

		/**
		 * Health status of the replication component while a fork report is kept under storage-dir/forks
		 * (until a person moves it away): DOWN, OUT_OF_SERVICE, UP, or any status the application's status
		 * order knows.
		 */
		private String forkStatus = "DOWN";

		public long getMaxLag() {
			return this.maxLag;
		}

		public void setMaxLag(long maxLag) {
			this.maxLag = maxLag;
		}

		public String getForkStatus() {
			return this.forkStatus;
		}

		public void setForkStatus(String forkStatus) {
			this.forkStatus = forkStatus;
		}
	}
}
