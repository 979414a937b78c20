package dev.kappa.internal.hypercore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.hypercore.NodeHarness.NodeProcess;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * We follow cores written by real Node hypercore 11.37.1 writers ({@code serve.js}, compat and manifest, v11's
 * default): downloaded, verified block by block against the signed tree, stored as a read-only log, kept live
 * while Node appends; 100,000 blocks. A forked core, a tampered block, a bad signature, a manifest that does not
 * hash to the key and a bad multisig are reported, and nothing of them is stored.
 */
class KappaFollowsNodeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** A manifest core of 10 blocks whose key (writer seed 02's manifest hash) is no Ed25519 point. */
	private static final String[] MANIFEST_CORE = { "--n", "10", "--seed", "02" };

	@TempDir
	Path dir;

	private LogStore store;

	private HypercoreNode node;

	private final Map<LogKey, String> problems = new ConcurrentHashMap<>();

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

	private LogKey follow(JsonNode served) {
		LogKey key = LogKey.parse(served.get("key").asString());
		this.node = new HypercoreNode(this.store, Ed25519.KeyPair.generate(), HypercoreOptions.defaults()
			.withPeers(List.of(URI.create("tcp://127.0.0.1:" + served.get("port").asInt())))
			.withFollow(List.of(key)));
		this.node.onFollowProblem(this.problems::put);
		return key;
	}

	private LogKey followStarted(JsonNode served) {
		LogKey key = follow(served);
		this.node.start();
		return key;
	}

	/** The entries held of {@code key} (0 until the first verified download creates the log). */
	private long held(LogKey key) {
		return this.store.find(key).map(SignedLog::length).orElse(0L);
	}

	private SignedLog log(LogKey key) {
		return this.store.find(key).orElseThrow();
	}

	/** Follows the writer's 1,000 blocks, then the 250 it appends while connected; all verified. */
	private SignedLog followLive(NodeProcess writer) {
		LogKey key = followStarted(writer.next(TIMEOUT));
		await().atMost(TIMEOUT).until(() -> held(key) == 1000);
		SignedLog log = log(key);
		writer.command("append 250");
		assertThat(writer.next(TIMEOUT).get("length").asLong()).isEqualTo(1250);
		await().atMost(TIMEOUT).until(() -> log.length() == 1250);
		assertEntries(log, 1250);
		log.verify();
		assertThat(this.problems).isEmpty();
		return log;
	}

	@Test
	void followsACompatCoreLiveWhileNodeAppends() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "1000", "--compat")) {
			SignedLog log = followLive(writer);
			assertThat(log.writable()).isFalse();
			assertThat(log.scheme().manifest()).isNull();
		}
	}

	@Test
	void followsAManifestCoreLiveWhileNodeAppends() {
		// v11's default core: key = manifest hash (writer seed 09's happens to be a valid Ed25519 point)
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "1000", "--seed", "09")) {
			SignedLog log = followLive(writer);
			LogKey key = log.key();
			assertThat(log.scheme().manifest()).isNotNull();
			assertThat(this.dir.resolve("logs").resolve(key.toString()).resolve("log.manifest")).isRegularFile();
			this.node.close();
			this.node = null;
			this.store.close();
			this.store = LogStore.open(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER));
			SignedLog reopened = log(key);
			assertThat(reopened.length()).isEqualTo(1250);
			reopened.verify();
		}
	}

	@Test
	void followsOneHundredThousandBlocks() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "100000", "--compat")) {
			LogKey key = followStarted(writer.next(Duration.ofSeconds(120)));
			await().atMost(Duration.ofSeconds(120)).until(() -> held(key) == 100_000);
			assertEntries(log(key), 100_000);
		}
	}

	@Test
	void followsAnUpgradeOverOneFrameAsASignedGroup() {
		// 5,000 blocks of 1,000 bytes in one upgrade (one signature): over the 4 MiB of one stored frame
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "5000", "--size", "1000", "--seed", "02")) {
			LogKey key = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> held(key) == 5000);
			SignedLog log = log(key);
			assertThat(log.passesOn()).isFalse();
			for (int i = 0; i < 5000; i += 499) {
				assertThat(new String(log.read(i), StandardCharsets.UTF_8)).startsWith("entry-" + i + ".").hasSize(1000);
			}
			log.verify();
			assertThat(this.problems).isEmpty();
		}
	}

	@Test
	void aManifestCoreWhoseKeyIsNoPublicKeyIsFollowed() {
		// writer seed 02's manifest core key (the v11 default) is not an Ed25519 point: only its manifest verifies
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "10", "--seed", "02")) {
			LogKey key = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> held(key) == 10);
			assertEntries(log(key), 10);
			assertThat(this.problems).isEmpty();
		}
	}

	@Test
	void manifestThatDoesNotHashToTheKeyIsRefusedAndNothingStored() {
		assertRefused(MANIFEST_CORE, data -> data.manifest() == null ? data
				: withManifest(data, flipLast(data.manifest())), "does not hash to its key");
	}

	@Test
	void badMultisigIsRefusedAndNothingStored() {
		// one bit of the Ed25519 signature inside the multisig (01 00 <sig64> 00 00)
		assertRefused(MANIFEST_CORE, data -> data.upgrade() == null ? data
				: withSignature(data, flip(data.upgrade().signature(), 2)), "signature of length 10 does not verify");
	}

	@Test
	void multisigOfAnotherShapeIsRefusedAndNothingStored() {
		// two proofs where hypercore 11's default manifest has one signer
		assertRefused(MANIFEST_CORE, data -> {
			if (data.upgrade() == null) {
				return data;
			}
			byte[] sig = data.upgrade().signature().clone();
			sig[0] = 2;
			return withSignature(data, sig);
		}, "not a multisig of one proof");
	}

	@Test
	void tamperedBlockOfAManifestCoreIsRejectedAndNothingStored() {
		assertRefused(MANIFEST_CORE, KappaFollowsNodeTests::flipBlock,
				"does not verify against the signed tree");
	}

	/**
	 * Follows a core ({@code serve.js} with {@code writerArgs}) through a man
	 * in the middle changing data messages; expects the report and nothing stored.
	 */
	private void assertRefused(String[] writerArgs, UnaryOperator<AlphaMessages.Data> change, String problem) {
		try (NodeProcess writer = NodeHarness.start("serve.js", writerArgs)) {
			LogKey key = follow(writer.next(TIMEOUT));
			this.node.connectionHook(ch -> ch.pipeline().addBefore("protomux", "tamper", new DataTamper(change)));
			this.node.start();
			await().atMost(TIMEOUT).until(() -> this.problems.containsKey(key));
			assertThat(this.problems.get(key)).contains(problem);
			assertThat(this.store.find(key)).isEmpty();
			assertThat(this.dir.resolve("logs").resolve(key.toString())).doesNotExist();
		}
	}

	private static AlphaMessages.Data flipBlock(AlphaMessages.Data data) {
		return data.block() == null ? data : new AlphaMessages.Data(data.request(), data.fork(), new AlphaMessages.DataBlock(
				data.block().index(), flipLast(data.block().value()), data.block().nodes()), data.hash(), data.upgrade(),
				data.manifest());
	}

	private static AlphaMessages.Data withManifest(AlphaMessages.Data data, byte[] manifest) {
		return new AlphaMessages.Data(data.request(), data.fork(), data.block(), data.hash(), data.upgrade(), manifest);
	}

	private static AlphaMessages.Data withSignature(AlphaMessages.Data data, byte[] signature) {
		AlphaMessages.DataUpgrade u = data.upgrade();
		return new AlphaMessages.Data(data.request(), data.fork(), data.block(), data.hash(),
				new AlphaMessages.DataUpgrade(u.start(), u.length(), u.nodes(), u.additionalNodes(), signature), data.manifest());
	}

	private static byte[] flipLast(byte[] bytes) {
		return flip(bytes, bytes.length - 1);
	}

	private static byte[] flip(byte[] bytes, int at) {
		byte[] out = bytes.clone();
		out[at] ^= 1;
		return out;
	}

	/** A man in the middle after decryption: decodes the peer's data messages and re-encodes them changed. */
	private static final class DataTamper extends ChannelInboundHandlerAdapter {

		private final UnaryOperator<AlphaMessages.Data> change;

		DataTamper(UnaryOperator<AlphaMessages.Data> change) {
			this.change = change;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			byte[] frame = Uint24FrameDecoder.drain((ByteBuf) msg);
			CompactReader in = new CompactReader(frame);
			long channel = in.uint();
			long type = in.uint();
			if (channel != 0 && type == AlphaMessages.DATA) {
				CompactWriter out = new CompactWriter().uint(channel).uint(type);
				this.change.apply(AlphaMessages.Data.decode(in)).encode(out);
				frame = out.toByteArray();
			}
			ctx.fireChannelRead(Unpooled.wrappedBuffer(frame));
		}
	}

	@Test
	void forkedCoreIsReportedAndNeverMerged() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "100", "--compat")) {
			LogKey key = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> held(key) == 100);
			SignedLog log = log(key);
			writer.command("truncate 50");
			assertThat(writer.next(TIMEOUT).get("fork").asLong()).isEqualTo(1);
			writer.command("append 80");
			assertThat(writer.next(TIMEOUT).get("length").asLong()).isEqualTo(130);
			await().atMost(TIMEOUT).until(() -> this.problems.containsKey(log.key()));
			assertThat(this.problems.get(log.key())).contains("fork id 1");
			assertThat(log.length()).isEqualTo(100);
			assertEntries(log, 100);
		}
	}

	@Test
	void tamperedBlockIsRejectedAndNothingStored() {
		assertRefused(new String[] { "--n", "20", "--compat" }, KappaFollowsNodeTests::flipBlock,
				"does not verify against the signed tree");
	}

	@Test
	void badSignatureIsRejectedAndNothingStored() {
		assertRefused(new String[] { "--n", "20", "--compat" },
				data -> data.upgrade() == null ? data : withSignature(data, flipLast(data.upgrade().signature())), "signature");
	}

	private static void assertEntries(SignedLog log, int n) {
		for (int i = 0; i < n; i += Math.max(1, n / 997)) {
			assertThat(new String(log.read(i), StandardCharsets.UTF_8)).isEqualTo("entry-" + i);
		}
		assertThat(new String(log.read(n - 1), StandardCharsets.UTF_8)).isEqualTo("entry-" + (n - 1));
	}
}
