package dev.kappa.internal.hypercore;

import java.util.List;

import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.hypercore.AlphaMessages.Data;
import dev.kappa.internal.hypercore.AlphaMessages.DataBlock;
import dev.kappa.internal.hypercore.AlphaMessages.DataHash;
import dev.kappa.internal.hypercore.AlphaMessages.DataUpgrade;
import dev.kappa.internal.hypercore.AlphaMessages.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kappa.internal.hypercore.Vectors.fill;
import static dev.kappa.internal.hypercore.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proofs we serve are byte-identical to Node hypercore 11's for the same requests (node proofs.js, SPEC.md
 * Appendix B; each of those answers was applied by a fresh Node reader): upgrades from 0 and from a length,
 * with additional nodes, block with and without an upgrade, and hash requests.
 */
class ProofVectorsTests {

	private static final Ed25519.KeyPair WRITER = Ed25519.KeyPair.fromSeed(fill(32, 0x01));

	private final Vectors vectors = Vectors.load("proofs-n10.properties");

	@ParameterizedTest
	@ValueSource(strings = { "A", "B", "C", "D", "E", "F" })
	void dataBodyIsByteIdenticalToNode(String name) {
		int length = this.vectors.integer(name + ".writerLength");
		MemoryTree tree = MemoryTree.entries(length);
		Request request = Request.decode(new CompactReader(this.vectors.bytes(name + ".request")));
		assertThat(hex(answer(tree, request, length))).isEqualTo(hex(this.vectors.bytes(name + ".data")));
	}

	@Test
	void signatureOfTenIsNodes() {
		assertThat(MemoryTree.entries(10).sign(WRITER)).isEqualTo(this.vectors.bytes("signature10"));
	}

	@Test
	void proofsPastTheHeadAreRefused() {
		MemoryTree tree = MemoryTree.entries(5);
		assertThatThrownBy(() -> ProofBuilder.build(tree::node, 5, ProofBuilder.Target.block(1, 3), 0, 0))
			.isInstanceOf(WireException.class)
			.hasMessageContaining("runs past the tree head");
		assertThatThrownBy(() -> ProofBuilder.build(tree::node, 5, ProofBuilder.Target.block(1, 1L << 50), 0, 0))
			.isInstanceOf(WireException.class)
			.hasMessageContaining("deeper than any tree");
		assertThatThrownBy(() -> ProofBuilder.build(tree::node, 5, null, 3, 3)).isInstanceOf(WireException.class);
		assertThatThrownBy(() -> ProofBuilder.build(tree::node, 0, null, 0, 1)).isInstanceOf(WireException.class);
	}

	@Test
	void requestEncodingRoundTrips() {
		for (String name : List.of("A", "B", "C", "D", "E", "F")) {
			byte[] bytes = this.vectors.bytes(name + ".request");
			CompactWriter out = new CompactWriter();
			Request.decode(new CompactReader(bytes)).encode(out);
			assertThat(out.toByteArray()).isEqualTo(bytes);
		}
	}

	/** What ServedCore sends for {@code request}, built the same way from the memory tree. */
	static byte[] answer(MemoryTree tree, Request request, long length) {
		ProofBuilder.Target target = request.block() != null
				? ProofBuilder.Target.block(request.block().a(), request.block().b())
				: request.hash() != null ? ProofBuilder.Target.hash(request.hash().a(), request.hash().b()) : null;
		long start = request.upgrade() != null ? request.upgrade().a() : 0;
		long upgradeLength = request.upgrade() != null ? request.upgrade().b() : 0;
		ProofBuilder.Proof proof = ProofBuilder.build(tree::node, length, target, start, upgradeLength);
		DataBlock block = request.block() != null
				? new DataBlock(request.block().a(), tree.blocks.get((int) request.block().a()), proof.path()) : null;
		DataHash hash = request.hash() != null ? new DataHash(request.hash().a(), proof.path()) : null;
		DataUpgrade upgrade = request.upgrade() != null ? new DataUpgrade(start, upgradeLength, proof.upgrade(),
				proof.additional() != null ? proof.additional() : List.of(), tree.sign(WRITER)) : null;
		CompactWriter out = new CompactWriter();
		new Data(request.id(), 0, block, hash, upgrade, null).encode(out);
		return out.toByteArray();
	}
}
