package dev.kappa.internal.hypercore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.hypercore.NodeHarness.NodeProcess;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Node hypercore 11.37.1 readers download and verify our logs over TCP: {@code new Hypercore(dir, ourKey)}
 * (compat), whole, sparse (random {@code get} first), live while we append, and several logs over one Corestore
 * connection. Node verifies every block against our signed tree before it stores it.
 */
class NodeReadsKappaTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@TempDir
	Path dir;

	private LogStore store;

	private HypercoreNode node;

	@BeforeEach
	void open() {
		this.store = LogStore.open(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER));
	}

	@AfterEach
	void close() {
		if (this.node != null) {
			this.node.close();
		}
		this.store.close();
	}

	private void serve(String... expose) {
		this.node = new HypercoreNode(this.store, Ed25519.KeyPair.generate(),
				HypercoreOptions.defaults().withPort(0).withBindAddress("127.0.0.1").withExpose(List.of(expose)));
		this.node.start();
	}

	@Test
	void nodeDownloadsAWholeLogInManyFrames() {
		SignedLog log = fill(this.store.writer("default"), 0, 1000, 100);
		serve("default");
		try (NodeProcess reader = read(log, 1000)) {
			JsonNode result = reader.next(TIMEOUT);
			assertThat(result.get("length").asLong()).isEqualTo(1000);
			assertThat(result.get("contiguousLength").asLong()).isEqualTo(1000);
			assertThat(result.get("digest").asString()).isEqualTo(digest(log, 1000));
			assertThat(reader.exit(TIMEOUT)).isZero();
		}
	}

	@Test
	void nodeReadsSparseFirstThenEverything() {
		SignedLog log = fill(this.store.writer("default"), 0, 700, 7);
		serve("default");
		try (NodeProcess reader = read(log, 700, "--sparse")) {
			assertThat(reader.next(TIMEOUT).get("digest").asString()).isEqualTo(digest(log, 700));
			assertThat(reader.exit(TIMEOUT)).isZero();
		}
	}

	@Test
	void nodeKeepsUpWhileWeAppend() {
		SignedLog log = fill(this.store.writer("default"), 0, 37, 37);
		serve("default");
		try (NodeProcess reader = read(log, 37, "--more", "150")) {
			assertThat(reader.next(TIMEOUT).get("digest").asString()).isEqualTo(digest(log, 37));
			fill(log, 37, 150, 10);
			JsonNode live = reader.next(TIMEOUT);
			assertThat(live.get("length").asLong()).isEqualTo(187);
			assertThat(live.get("digest").asString()).isEqualTo(digest(log, 187));
			assertThat(reader.exit(TIMEOUT)).isZero();
		}
	}

	@Test
	void corestoreReadsSeveralLogsOverOneConnection() {
		List<SignedLog> logs = new ArrayList<>();
		for (String name : List.of("a", "b", "c")) {
			logs.add(fill(this.store.writer(name), 0, 120, 40));
		}
		serve("*");
		String keys = String.join(",", logs.stream().map(l -> l.key().toString()).toList());
		try (NodeProcess reader = NodeHarness.start("store-read.js", "--port", String.valueOf(this.node.port()),
				"--keys", keys, "--n", "120")) {
			JsonNode cores = reader.next(TIMEOUT).get("cores");
			assertThat(cores.size()).isEqualTo(3);
			for (int i = 0; i < 3; i++) {
				assertThat(cores.get(i).get("key").asString()).isEqualTo(logs.get(i).key().toString());
				assertThat(cores.get(i).get("digest").asString()).isEqualTo(digest(logs.get(i), 120));
			}
			assertThat(reader.exit(TIMEOUT)).isZero();
		}
	}

	private NodeProcess read(SignedLog log, int n, String... more) {
		List<String> args = new ArrayList<>(List.of("--port", String.valueOf(this.node.port()), "--key",
				log.key().toString(), "--n", String.valueOf(n)));
		args.addAll(List.of(more));
		return NodeHarness.start("read.js", args.toArray(String[]::new));
	}

	/** Appends entries {@code from..from+count-1} ("entry-i") in batches of {@code batch} (one signed frame each). */
	static SignedLog fill(SignedLog log, int from, int count, int batch) {
		for (int i = from; i < from + count; i += batch) {
			List<byte[]> entries = new ArrayList<>();
			for (int j = i; j < Math.min(from + count, i + batch); j++) {
				entries.add(("entry-" + j).getBytes(StandardCharsets.UTF_8));
			}
			log.append(entries);
		}
		return log;
	}

	/** sha256 over (u32le length ‖ value) of the first {@code n} entries, as read.js computes it. */
	static String digest(SignedLog log, int n) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (int i = 0; i < n; i++) {
				byte[] v = log.read(i);
				sha.update(new byte[] { (byte) v.length, (byte) (v.length >>> 8), (byte) (v.length >>> 16), (byte) (v.length >>> 24) });
				sha.update(v);
			}
			return HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
