package dev.kappa.internal.hypercore;

import java.util.Arrays;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.hypercore.AlphaMessages.Data;
import org.junit.jupiter.api.Test;

import static dev.kappa.internal.hypercore.Vectors.fill;
import static dev.kappa.internal.hypercore.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A manifest core's upgrade as Node hypercore 11.37.1 sent it (vectors/manifest-n4: writer seed 01, 4 blocks,
 * v11 default): the manifest hashes to the core key, names the writer's public key, and the multisig signature
 * verifies over the 112-byte signable of the tree the upgrade's roots give; any changed byte fails.
 */
class ManifestVectorsTests {

	private static final Ed25519.KeyPair WRITER = Ed25519.KeyPair.fromSeed(fill(32, 0x01));

	private final Vectors vectors = Vectors.load("manifest-n4.properties");

	private final LogKey key = LogKey.parse(hex(this.vectors.bytes("key")));

	/** The responder's data message answering the upgrade request (with the manifest flag). */
	private Data upgrade() {
		CompactReader in = new CompactReader(this.vectors.bytes("plainR.3"));
		assertThat(in.uint()).isEqualTo(1);
		assertThat(in.uint()).isEqualTo(AlphaMessages.DATA);
		return Data.decode(in);
	}

	@Test
	void nodesManifestUpgradeVerifies() {
		Data data = upgrade();
		Manifest manifest = Manifest.parse(this.key, data.manifest());
		assertThat(hex(data.manifest())).isEqualTo("010000010100" + hex(Namespaces.DEFAULT_NAMESPACE) + hex(WRITER.publicKey()));
		byte[] treeHash = BlockVerifier.treeHash(data.upgrade().nodes(), 4);
		assertThat(data.upgrade().signature()).hasSize(68);
		assertThat(manifest.verify(data.upgrade().signature(), treeHash, 4, 0)).isTrue();
		byte[] signable = manifest.signable(treeHash, 4, 0);
		assertThat(signable).hasSize(112);
		assertThat(Arrays.copyOfRange(signable, 0, 64)).isEqualTo(concat(Namespaces.TREE, this.key.bytes()));
		assertThat(manifest.verify(data.upgrade().signature(), treeHash, 3, 0)).isFalse();
		assertThat(manifest.verify(data.upgrade().signature(), treeHash, 4, 1)).isFalse();
		for (int i = 0; i < 68; i++) {
			byte[] signature = data.upgrade().signature().clone();
			signature[i] ^= 1;
			assertThat(manifest.verify(signature, treeHash, 4, 0)).as("signature byte %d flipped", i).isFalse();
		}
		byte[] otherTree = treeHash.clone();
		otherTree[0] ^= 1;
		assertThat(manifest.verify(data.upgrade().signature(), otherTree, 4, 0)).isFalse();
	}

	@Test
	void aManifestThatDoesNotHashToTheKeyIsRefused() {
		byte[] manifest = upgrade().manifest();
		manifest[manifest.length - 1] ^= 1;
		assertThatThrownBy(() -> Manifest.parse(this.key, manifest)).isInstanceOf(WireException.class)
			.hasMessageContaining("does not hash to its key")
			.hasMessageContaining(this.key.toString());
		LogKey compat = LogKey.parse(hex(WRITER.publicKey()));
		assertThatThrownBy(() -> Manifest.parse(compat, upgrade().manifest())).hasMessageContaining("does not hash to its key");
	}

	@Test
	void manifestsBeyondOneEd25519SignerAreRefusedByName() {
		byte[] single = upgrade().manifest();
		byte[] twoSigners = concat(new byte[] { 1, 0, 0, 1, 2 }, Arrays.copyOfRange(single, 5, single.length),
				Arrays.copyOfRange(single, 5, single.length));
		assertRefused(twoSigners, "number of signers 2");
		byte[] version2 = single.clone();
		version2[0] = 2;
		assertRefused(version2, "version 2");
		assertRefused(Arrays.copyOf(single, 40), "malformed");
		assertRefused(concat(single, new byte[] { 0 }), "1 bytes after its signer");
	}

	@Test
	void aSignatureThatIsNoSingleProofMultisigDoesNotVerify() {
		Data data = upgrade();
		byte[] raw = Arrays.copyOfRange(data.upgrade().signature(), 2, 66);
		Manifest manifest = Manifest.parse(this.key, data.manifest());
		byte[] treeHash = BlockVerifier.treeHash(data.upgrade().nodes(), 4);
		assertThat(Manifest.signature(data.upgrade().signature())).isEqualTo(raw);
		assertThat(manifest.verify(raw, treeHash, 4, 0)).isFalse();
		assertThat(manifest.verify(concat(data.upgrade().signature(), new byte[] { 0 }), treeHash, 4, 0)).isFalse();
	}

	private static void assertRefused(byte[] manifest, String problem) {
		LogKey key = LogKey.parse(hex(Manifest.hash(manifest)));
		assertThatThrownBy(() -> Manifest.parse(key, manifest)).isInstanceOf(WireException.class)
			.hasMessageContaining(problem)
			.hasMessageContaining(key.toString());
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] out = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, out, at, part.length);
			at += part.length;
		}
		return out;
	}
}
