package dev.kappa.internal.hypercore;

import java.nio.file.Path;
import java.util.List;

import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.log.FsyncPolicy;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the hypercore server does with peers that break the rules, over real sockets: it closes the connection
 * (wrong capability, tampered record, small-order ephemeral key, oversized frame), rejects opens for logs it
 * does not expose, and answers unanswerable requests with {@code noData}.
 */
class HostileClientTests {

	@TempDir
	Path dir;

	private LogStore store;

	private HypercoreNode node;

	private SignedLog exposed;

	private SignedLog hidden;

	@BeforeEach
	void serve() {
		this.store = LogStore.open(this.dir, LogOptions.defaults().withFsync(FsyncPolicy.NEVER));
		this.exposed = NodeReadsKappaTests.fill(this.store.writer("public"), 0, 10, 10);
		this.hidden = NodeReadsKappaTests.fill(this.store.writer("private"), 0, 10, 10);
		this.node = new HypercoreNode(this.store, Ed25519.KeyPair.generate(),
				HypercoreOptions.defaults().withPort(0).withBindAddress("127.0.0.1").withExpose(List.of("public")));
		this.node.start();
	}

	@AfterEach
	void close() {
		this.node.close();
		this.store.close();
	}

	@Test
	void servesTheExposedLog() throws Exception {
		try (WireClient client = new WireClient(this.node.port()).handshake()) {
			client.open(this.exposed.key().bytes());
			byte[] open = client.receive();
			assertThat(open[0]).isZero();
			assertThat(open[1]).isEqualTo((byte) 1);
			CompactReader sync = new CompactReader(client.receive());
			assertThat(sync.uint()).isEqualTo(1);
			assertThat(sync.uint()).isEqualTo(AlphaMessages.SYNC);
			assertThat(AlphaMessages.Sync.decode(sync).length()).isEqualTo(10);
		}
	}

	@Test
	void wrongCapabilityClosesTheConnection() throws Exception {
		try (WireClient client = new WireClient(this.node.port()).handshake()) {
			byte[] key = this.exposed.key().bytes();
			client.open(key, Namespaces.capability(false, key, client.handshakeHash));
			byte[] reply;
			do {
				reply = client.receive();
			}
			while (reply != null && reply[0] == 0 && reply[1] == 1);
			assertThat(reply).as("only our open may come before the close").isNull();
		}
	}

	@Test
	void unexposedLogIsRejected() throws Exception {
		try (WireClient client = new WireClient(this.node.port()).handshake()) {
			client.open(this.hidden.key().bytes());
			assertThat(client.receive()).containsExactly(0, 2, 1);
			client.open(new byte[32]);
			assertThat(client.receive()).containsExactly(0, 2, 1);
		}
	}

	@Test
	void tamperedRecordClosesTheConnection() throws Exception {
		try (WireClient client = new WireClient(this.node.port()).handshake()) {
			byte[] plain = new byte[] { 0, 1, 1 };
			byte[] record = client.tx.push(plain, 0, plain.length, 0);
			record[1] ^= 0x40;
			client.writeFrame(record);
			assertThat(client.receive()).isNull();
		}
	}

	@Test
	void smallOrderEphemeralKeyEndsTheHandshake() throws Exception {
		try (WireClient client = new WireClient(this.node.port())) {
			byte[] smallOrder = java.util.HexFormat.of()
				.parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
			client.writeFrame(smallOrder);
			assertThat(client.readFrame()).as("no message 2 for a small-order point").isNull();
		}
	}

	@Test
	void oversizedFrameBeforeTheHandshakeClosesTheConnection() throws Exception {
		try (WireClient client = new WireClient(this.node.port())) {
			client.socket.getOutputStream().write(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3 });
			assertThat(client.readFrame()).isNull();
		}
	}

	@Test
	void unanswerableRequestsGetNoData() throws Exception {
		try (WireClient client = new WireClient(this.node.port()).handshake()) {
			client.open(this.exposed.key().bytes());
			client.receive();
			client.receive();
			CompactWriter request = new CompactWriter().uint(1).uint(AlphaMessages.REQUEST);
			new AlphaMessages.Request(7, 0, new AlphaMessages.Range2(10, 0), null, null, null, false, 0).encode(request);
			client.send(request);
			CompactWriter upgrade = new CompactWriter().uint(1).uint(AlphaMessages.REQUEST);
			new AlphaMessages.Request(8, 0, null, null, null, new AlphaMessages.Range2(0, 11), false, 0).encode(upgrade);
			client.send(upgrade);
			CompactWriter badNodes = new CompactWriter().uint(1).uint(AlphaMessages.REQUEST);
			new AlphaMessages.Request(9, 0, new AlphaMessages.Range2(1, 9), null, null, null, false, 0).encode(badNodes);
			client.send(badNodes);
			assertThat(noData(client)).isEqualTo(new AlphaMessages.NoData(7, AlphaMessages.NOT_AVAILABLE));
			assertThat(noData(client)).isEqualTo(new AlphaMessages.NoData(8, AlphaMessages.NOT_AVAILABLE));
			assertThat(noData(client)).isEqualTo(new AlphaMessages.NoData(9, AlphaMessages.INVALID_REQUEST));
		}
	}

	private static AlphaMessages.NoData noData(WireClient client) throws Exception {
		while (true) {
			CompactReader in = new CompactReader(client.receive());
			in.uint();
			if (in.uint() == AlphaMessages.NO_DATA) {
				return AlphaMessages.NoData.decode(in);
			}
		}
	}
}
