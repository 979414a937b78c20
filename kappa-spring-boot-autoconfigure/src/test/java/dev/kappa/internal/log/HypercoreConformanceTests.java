package dev.kappa.internal.log;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.kappa.internal.crypto.Ed25519;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the log format byte for byte against vectors made by the real Node hypercore 10 (copied from
 * shared/conformance/hypercore-vectors.json): every leaf hash, tree node, root, tree hash, signable,
 * signature and proof, and the state after a truncate.
 */
class HypercoreConformanceTests {

	private static final HexFormat HEX = HexFormat.of();

	private static final JsonNode VECTORS = load();

	private static JsonNode load() {
		try (InputStream in = HypercoreConformanceTests.class.getResourceAsStream("/conformance/hypercore-vectors.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void treeNamespaceMatchesHypercore() {
		assertThat(HEX.formatHex(TreeHashes.NS_TREE)).isEqualTo(VECTORS.get("namespaces").get("TREE").asString());
	}

	@TestFactory
	Stream<DynamicTest> everyCaseMatchesByteForByte() {
		List<DynamicTest> tests = new ArrayList<>();
		for (JsonNode c : VECTORS.get("cases")) {
			tests.add(DynamicTest.dynamicTest("seed " + c.get("seed").asString().substring(0, 2), () -> checkCase(c)));
		}
		return tests.stream();
	}

	private void checkCase(JsonNode c) {
		Ed25519.KeyPair keyPair = Ed25519.KeyPair.fromSeed(hex(c.get("seed")));
		assertThat(HEX.formatHex(keyPair.publicKey())).isEqualTo(c.get("publicKey").asString());
		assertThat(HEX.formatHex(TreeHashes.discoveryKey(keyPair.publicKey()))).isEqualTo(c.get("discoveryKey").asString());
		Ed25519.Verifier verifier = Ed25519.Verifier.of(keyPair.publicKey());

		MerkleTree tree = MerkleTree.empty();
		Map<Long, TreeNode> stored = new HashMap<>();
		List<byte[]> blocks = new ArrayList<>();
		int batchNo = 0;
		for (JsonNode batch : c.get("batches")) {
			List<TreeNode> created = new ArrayList<>();
			for (JsonNode block : batch) {
				byte[] data = hex(block);
				blocks.add(data);
				tree.append(data, 0, data.length, created);
			}
			created.forEach(n -> stored.put(n.index(), n));
			JsonNode state = c.get("states").get(batchNo++);
			byte[] signature = keyPair.sign(tree.signable());
			assertState(tree, signature, state);
			assertThat(verifier.verify(signature, tree.signable())).isTrue();
		}

		JsonNode leafHashes = c.get("leafHashes");
		for (int i = 0; i < blocks.size(); i++) {
			assertThat(HEX.formatHex(stored.get(2L * i).hash())).as("leaf %d", i).isEqualTo(leafHashes.get(i).asString());
		}
		JsonNode nodes = c.get("nodes");
		assertThat(stored).hasSize(nodes.size());
		for (JsonNode n : nodes) {
			assertThat(stored.get(n.get("index").asLong())).isEqualTo(node(n));
		}

		for (JsonNode p : c.get("proofs")) {
			long length = p.get("upgradeLength").asLong();
			MerkleProof proof = MerkleProof.create(p.get("block").asLong(), length, stored::get);
			assertThat(proof.blockNodes()).containsExactlyElementsOf(nodes(p.get("blockNodes")));
			assertThat(proof.upgradeNodes()).containsExactlyElementsOf(nodes(p.get("upgradeNodes")));
			assertThat(p.get("additionalNodes")).isEmpty();
			byte[] treeHash = proof.treeHash(hex(p.get("value")));
			byte[] signature = hex(p.get("signature"));
			assertThat(verifier.verify(signature, TreeHashes.signable(treeHash, length, 0))).isTrue();
			byte[] tampered = hex(p.get("value"));
			tampered[0] ^= 1;
			assertThat(verifier.verify(signature, TreeHashes.signable(proof.treeHash(tampered), length, 0))).isFalse();
		}

		if (c.has("afterTruncate")) {
			JsonNode after = c.get("afterTruncate");
			tree.truncate(after.get("length").asLong(), stored::get);
			assertState(tree, keyPair.sign(tree.signable()), after);
		}
	}

	private void assertState(MerkleTree tree, byte[] signature, JsonNode state) {
		assertThat(tree.length()).isEqualTo(state.get("length").asLong());
		assertThat(tree.byteLength()).isEqualTo(state.get("byteLength").asLong());
		assertThat(tree.fork()).isEqualTo(state.get("fork").asLong());
		assertThat(tree.roots()).containsExactlyElementsOf(nodes(state.get("roots")));
		assertThat(HEX.formatHex(tree.treeHash())).isEqualTo(state.get("treeHash").asString());
		assertThat(HEX.formatHex(tree.signable())).isEqualTo(state.get("signable").asString());
		assertThat(HEX.formatHex(signature)).isEqualTo(state.get("signature").asString());
	}

	private static List<TreeNode> nodes(JsonNode array) {
		List<TreeNode> out = new ArrayList<>();
		array.forEach(n -> out.add(node(n)));
		return out;
	}

	private static TreeNode node(JsonNode n) {
		return new TreeNode(n.get("index").asLong(), n.get("size").asLong(), hex(n.get("hash")));
	}

	private static byte[] hex(JsonNode text) {
		return HEX.parseHex(text.asString());
	}
}
