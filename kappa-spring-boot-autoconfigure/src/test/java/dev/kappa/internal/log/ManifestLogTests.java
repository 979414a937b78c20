package dev.kappa.internal.log;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logs of hypercore manifest cores (docs/format.md, "Manifest logs"): {@code log.manifest} chooses the signature
 * scheme at every open, and the recovery rules for it.
 */
class ManifestLogTests {

	@TempDir
	Path dir;

	private Ed25519.KeyPair writer;

	private byte[] manifest;

	private LogKey key;

	private Path logDir;

	@BeforeEach
	void manifestWhoseKeyIsNoEd25519Point() {
		// a deterministic writer whose manifest hash is no Ed25519 point, so only the manifest can verify its log
		for (int seed = 1;; seed++) {
			this.writer = Ed25519.KeyPair.fromSeed(filled(seed));
			this.manifest = manifest(this.writer.publicKey());
			this.key = new LogKey(ManifestSignatures.hash(this.manifest));
			try {
				Ed25519.Verifier.of(this.key.bytes());
			}
			catch (IllegalArgumentException notAPoint) {
				break;
			}
		}
		this.logDir = this.dir.resolve("logs").resolve(this.key.toString());
	}

	/** hypercore 11's default manifest: version 1, no flags, BLAKE2b, quorum 1, one Ed25519 signer. */
	private static byte[] manifest(byte[] publicKey) {
		byte[] out = new byte[6 + 64];
		byte[] head = { 1, 0, 0, 1, 1, 0 };
		System.arraycopy(head, 0, out, 0, 6);
		System.arraycopy(filled(0x41), 0, out, 6, 32);
		System.arraycopy(publicKey, 0, out, 38, 32);
		return out;
	}

	private static byte[] filled(int value) {
		byte[] out = new byte[32];
		java.util.Arrays.fill(out, (byte) value);
		return out;
	}

	private static List<byte[]> entries(int from, int n) {
		List<byte[]> out = new ArrayList<>();
		for (int i = from; i < from + n; i++) {
			out.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
		}
		return out;
	}

	/** The writer's signature over the 112-byte manifest signable of {@code tree}. */
	private byte[] sign(MerkleTree tree) {
		return this.writer.sign(ManifestSignatures.parse(this.key, this.manifest).signable(tree.treeHash(), tree.length(), 0));
	}

	/** Stores 5 entries in a manifest log and closes the store. */
	private void storeFive() {
		MerkleTree tree = MerkleTree.empty();
		List<byte[]> entries = entries(0, 5);
		entries.forEach(e -> tree.append(e, 0, e.length, new ArrayList<>()));
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.replica(this.key, SignatureScheme.manifest(this.key, this.manifest));
			log.appendVerified(0, entries, 0, sign(tree), null);
		}
	}

	@Test
	void aManifestLogIsReopenedWithItsManifestsScheme() {
		storeFive();
		assertThat(this.logDir.resolve(ManifestFile.FILE)).isRegularFile();
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.find(this.key).orElseThrow();
			assertThat(log.length()).isEqualTo(5);
			assertThat(log.scheme().manifest()).isEqualTo(this.manifest);
			assertThat(new String(log.read(4), StandardCharsets.UTF_8)).isEqualTo("entry-4");
			log.verify();
		}
	}

	@Test
	void aCompatSignatureDoesNotVerifyInAManifestLog() {
		MerkleTree tree = MerkleTree.empty();
		List<byte[]> entries = entries(0, 2);
		entries.forEach(e -> tree.append(e, 0, e.length, new ArrayList<>()));
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			SignedLog log = store.replica(this.key, SignatureScheme.manifest(this.key, this.manifest));
			assertThatThrownBy(() -> log.appendVerified(0, entries, 0, this.writer.sign(tree.signable()), null))
				.isInstanceOf(RejectedEntriesException.class)
				.hasMessageContaining("signature does not verify");
			assertThat(log.length()).isZero();
		}
	}

	@Test
	void aDamagedManifestFileFailsTheOpenNamingIt() throws Exception {
		storeFive();
		Path file = this.logDir.resolve(ManifestFile.FILE);
		byte[] bytes = Files.readAllBytes(file);
		bytes[20] ^= 1;
		Files.write(file, bytes);
		assertThatThrownBy(() -> LogStore.open(this.dir, LogTesting.options()))
			.isInstanceOf(CorruptLogException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("checksum mismatch");
	}

	@Test
	void aManifestOfAnotherCoreFailsTheOpen() throws Exception {
		storeFive();
		ManifestFile.write(LogFileIo.DEFAULT, this.logDir, manifest(Ed25519.KeyPair.generate().publicKey()));
		assertThatThrownBy(() -> LogStore.open(this.dir, LogTesting.options()))
			.isInstanceOf(CorruptLogException.class)
			.hasMessageContaining(ManifestFile.FILE)
			.hasMessageContaining("does not hash to its key");
	}

	@Test
	void aManifestLogThatLostItsManifestFailsTheOpen() throws Exception {
		storeFive();
		Files.delete(this.logDir.resolve(ManifestFile.FILE));
		assertThatThrownBy(() -> LogStore.open(this.dir, LogTesting.options()))
			.isInstanceOf(CorruptLogException.class)
			.hasMessageContaining("no manifest file and its key is no Ed25519 public key");
	}

	@Test
	void anUnfinishedManifestWriteIsDeletedAtOpen() throws Exception {
		storeFive();
		Path tmp = AtomicFiles.temporary(this.logDir.resolve(ManifestFile.FILE));
		Files.write(tmp, new byte[] { 'K', 'M' });
		try (LogStore store = LogStore.open(this.dir, LogTesting.options())) {
			assertThat(store.find(this.key).orElseThrow().length()).isEqualTo(5);
		}
		assertThat(tmp).doesNotExist();
	}

	@Test
	void aManifestOfAnotherShapeIsRefusedByName() {
		byte[] twoSigners = this.manifest.clone();
		twoSigners[4] = 2;
		LogKey other = new LogKey(ManifestSignatures.hash(twoSigners));
		assertThatThrownBy(() -> SignatureScheme.manifest(other, twoSigners))
			.hasMessageContaining("number of signers 2");
	}
}
