package dev.kappa.hypercore;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kappa.core.LogKey;
import dev.kappa.crypto.Ed25519;
import dev.kappa.hypercore.NodeHarness.NodeProcess;
import dev.kappa.log.FsyncPolicy;
import dev.kappa.log.LogOptions;
import dev.kappa.log.LogStore;
import dev.kappa.log.SignedLog;
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
 * We follow cores written by real Node hypercore 11.37.1 writers ({@code serve.js}, compat): downloaded, verified
 * block by block against the signed tree, stored as a read-only log, kept live while Node appends; 100,000
 * blocks. A manifest core, a forked core, a tampered block and a bad signature are reported, and nothing of
 * them is stored.
 */
class KappaFollowsNodeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

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

	private SignedLog follow(JsonNode served) {
		LogKey key = LogKey.parse(served.get("key").asString());
		this.node = new HypercoreNode(this.store, Ed25519.KeyPair.generate(), HypercoreOptions.defaults()
			.withPeers(List.of(URI.create("tcp://127.0.0.1:" + served.get("port").asInt())))
			.withFollow(List.of(key)));
		this.node.onFollowProblem(this.problems::put);
		return this.store.find(key).orElseThrow();
	}

	private SignedLog followStarted(JsonNode served) {
		SignedLog log = follow(served);
		this.node.start();
		return log;
	}

	@Test
	void followsACompatCoreLiveWhileNodeAppends() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "1000", "--compat")) {
			SignedLog log = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> log.length() == 1000);
			assertThat(log.writable()).isFalse();
			writer.command("append 250");
			assertThat(writer.next(TIMEOUT).get("length").asLong()).isEqualTo(1250);
			await().atMost(TIMEOUT).until(() -> log.length() == 1250);
			assertEntries(log, 1250);
			log.verify();
			assertThat(this.problems).isEmpty();
		}
	}

	@Test
	void followsOneHundredThousandBlocks() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "100000", "--compat")) {
			SignedLog log = followStarted(writer.next(Duration.ofSeconds(120)));
			await().atMost(Duration.ofSeconds(120)).until(() -> log.length() == 100_000);
			assertEntries(log, 100_000);
		}
	}

	@Test
	void manifestCoreIsReportedAndNothingStored() {
		// writer seed 09: its manifest hash happens to be a valid Ed25519 point, so only the peer's sync tells
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "10", "--seed", "09")) {
			SignedLog log = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> this.problems.containsKey(log.key()));
			assertThat(this.problems.get(log.key())).contains("manifest core");
			assertThat(log.length()).isZero();
		}
	}

	@Test
	void aKeyThatIsNoPublicKeyCannotBeFollowed() {
		// writer seed 02's manifest core key (the v11 default) is not an Ed25519 point
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "1", "--seed", "02")) {
			LogKey key = LogKey.parse(writer.next(TIMEOUT).get("key").asString());
			try (HypercoreNode refusing = new HypercoreNode(this.store, Ed25519.KeyPair.generate(), HypercoreOptions.defaults())) {
				org.assertj.core.api.Assertions.assertThatThrownBy(() -> refusing.follow(key))
					.hasMessageContaining("only compat cores");
			}
			assertThat(this.store.find(key)).isEmpty();
		}
	}

	@Test
	void forkedCoreIsReportedAndNeverMerged() {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "100", "--compat")) {
			SignedLog log = followStarted(writer.next(TIMEOUT));
			await().atMost(TIMEOUT).until(() -> log.length() == 100);
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
		assertTamperingRejected(3, "does not verify against the signed tree");
	}

	@Test
	void badSignatureIsRejectedAndNothingStored() {
		assertTamperingRejected(8, "signature");
	}

	/** Flips the last byte of every data message with {@code flag} set (1: block values, 8: upgrade signatures). */
	private void assertTamperingRejected(int flag, String problem) {
		try (NodeProcess writer = NodeHarness.start("serve.js", "--n", "20", "--compat")) {
			SignedLog log = follow(writer.next(TIMEOUT));
			this.node.connectionHook(ch -> ch.pipeline().addBefore("protomux", "tamper", new Tamper(flag)));
			this.node.start();
			await().atMost(TIMEOUT).until(() -> this.problems.containsKey(log.key()));
			assertThat(this.problems.get(log.key())).contains(problem);
			assertThat(log.length()).isZero();
		}
	}

	/** A man in the middle after decryption: changes one byte of chosen data messages from the peer. */
	private static final class Tamper extends ChannelInboundHandlerAdapter {

		private final int flag;

		Tamper(int flag) {
			this.flag = flag;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			byte[] frame = Uint24FrameDecoder.drain((ByteBuf) msg);
			CompactReader in = new CompactReader(frame);
			long channel = in.uint();
			long type = in.uint();
			if (channel != 0 && type == AlphaMessages.DATA && (in.uint() & this.flag) != 0) {
				int at = this.flag == 8 ? frame.length - 1 : valueByte(frame);
				frame[at] ^= 1;
			}
			ctx.fireChannelRead(Unpooled.wrappedBuffer(frame));
		}

		/** The last byte of the block value in a data message {@code channel type flags request fork index value}. */
		private static int valueByte(byte[] frame) {
			CompactReader in = new CompactReader(frame);
			for (int i = 0; i < 6; i++) {
				in.uint();
			}
			int length = in.length();
			return in.position() + length - 1;
		}
	}

	private static void assertEntries(SignedLog log, int n) {
		for (int i = 0; i < n; i += Math.max(1, n / 997)) {
			assertThat(new String(log.read(i), StandardCharsets.UTF_8)).isEqualTo("entry-" + i);
		}
		assertThat(new String(log.read(n - 1), StandardCharsets.UTF_8)).isEqualTo("entry-" + (n - 1));
	}
}
