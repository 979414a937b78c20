package dev.kappa.internal.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.kappa.internal.crypto.X25519KeyPair;
import dev.kappa.internal.log.LogHead;
import dev.kappa.internal.log.LogOptions;
import dev.kappa.internal.log.LogStore;
import dev.kappa.internal.log.SignatureScheme;
import dev.kappa.internal.log.SignedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The network key property, the generated network key, the node key, and announced-head verification. */
class KeysTests {

	@TempDir
	Path dir;

	@Test
	void aConfiguredNetworkKeyIsParsedAndABadOneNamesTheProperty() {
		String hex = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff";
		assertThat(NetworkKey.resolve(" " + hex + " ", this.dir).toHex()).isEqualTo(hex.toLowerCase());
		assertThat(Files.exists(this.dir.resolve("replication/network.key"))).isFalse();
		assertThatThrownBy(() -> NetworkKey.parse("abc")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("kappa.replication.network-key")
			.hasMessageContaining("64 hexadecimal characters")
			.hasMessageNotContaining("abc");
		assertThatThrownBy(() -> NetworkKey.parse(hex.replace('0', 'g'))).hasMessageContaining("not all of them hexadecimal");
		assertThat(NetworkKey.parse(hex).toString()).doesNotContain(hex.substring(0, 8));
	}

	@Test
	void withoutAPropertyAKeyIsGeneratedOnceStoredOwnerOnlyAndTheLogNamesTheFileNeverTheKey() throws Exception {
		try (ReplicationTesting.WarnCapture log = new ReplicationTesting.WarnCapture()) {
			NetworkKey first = NetworkKey.resolve(null, this.dir);
			NetworkKey second = NetworkKey.resolve("", this.dir);
			assertThat(second).isEqualTo(first);
			Path file = this.dir.resolve("replication/network.key");
			assertThat(Files.readString(file)).isEqualTo(first.toHex());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
			assertThat(log.all()).singleElement().asString()
				.contains(file.toString())
				.contains(NetworkKey.FILE_PROPERTY)
				.contains("other nodes")
				.doesNotContain(first.toHex())
				.doesNotContain(java.util.Base64.getEncoder().encodeToString(first.bytes()));
		}
	}

	@Test
	void aStoredKeyIsReadOrCreatedOnlyWhenFirstUsed() {
		NetworkKey key = NetworkKey.stored(this.dir);
		assertThat(key.toString()).doesNotContain("0");
		assertThat(this.dir.resolve("replication/network.key")).doesNotExist();
		byte[] bytes = key.bytes();
		assertThat(this.dir.resolve("replication/network.key")).exists();
		assertThat(NetworkKey.stored(this.dir).bytes()).isEqualTo(bytes);
	}

	@Test
	void aKeyFileIsReadAndABadOneNamesTheFileButNotItsContent() throws Exception {
		String hex = "ab".repeat(32);
		Path file = Files.writeString(this.dir.resolve("key"), hex + "\n");
		assertThat(NetworkKey.fromFile(file).toHex()).isEqualTo(hex);
		Files.writeString(file, "secret-but-mistyped");
		assertThatThrownBy(() -> NetworkKey.fromFile(file)).hasMessageContaining(NetworkKey.FILE_PROPERTY)
			.hasMessageContaining(file.toAbsolutePath().toString())
			.hasMessageNotContaining("mistyped");
		assertThatThrownBy(() -> NetworkKey.fromFile(this.dir.resolve("missing"))).hasMessageContaining("cannot read");
	}

	@Test
	void theNodeKeyIsCreatedOnceOwnerOnly() throws Exception {
		X25519KeyPair first = KeyFiles.nodeKey(this.dir);
		X25519KeyPair second = KeyFiles.nodeKey(this.dir);
		assertThat(second.publicKey()).isEqualTo(first.publicKey());
		Path file = this.dir.resolve("replication/node.key");
		assertThat(Files.size(file)).isEqualTo(32);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void announcedHeadsVerifyExactlyAsTheLogChecksThem() {
		try (LogStore store = LogStore.open(this.dir, LogOptions.defaults())) {
			SignedLog log = store.writer("default");
			ReplicationTesting.append(log, 0, 17, 5);
			LogHead h = log.head();
			assertThat(SignatureScheme.verifiesHead(log.key(), h.length(), h.fork(), h.treeHash(), h.signature())).isTrue();
			assertThat(log.checkAnnounced(h.length(), h.fork(), h.treeHash(), h.signature())).isTrue();
			for (Messages.Head bad : List.of(
					new Messages.Head(log.key(), h.length() - 1, h.fork(), h.treeHash(), h.signature()),
					new Messages.Head(log.key(), h.length(), 1, h.treeHash(), h.signature()),
					new Messages.Head(log.key(), h.length(), h.fork(), new byte[32], h.signature()))) {
				assertThat(SignatureScheme.verifiesHead(bad.key(), bad.length(), bad.fork(), bad.treeHash(), bad.signature())).isFalse();
				assertThat(log.checkAnnounced(bad.length(), bad.fork(), bad.treeHash(), bad.signature())).isFalse();
			}
		}
	}
}
