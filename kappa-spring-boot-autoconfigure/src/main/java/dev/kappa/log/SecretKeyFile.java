package dev.kappa.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.crypto.Ed25519;

/**
 * A local log's writer key: {@code secret.key}, the raw 32-byte Ed25519 seed, created readable and writable
 * by the owner only (0600) on file systems with POSIX permissions. Its content is never logged.
 */
final class SecretKeyFile {

	static final String FILE = "secret.key";

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private SecretKeyFile() {
	}

	static void write(Path dir, Ed25519.KeyPair keyPair) throws IOException {
		writeOwnerOnly(dir.resolve(FILE), keyPair.seed());
	}

	/** Creates {@code file} with owner-only permissions from the start, writes and forces {@code content}. */
	static void writeOwnerOnly(Path file, byte[] content) throws IOException {
		FileAttribute<?>[] attrs = posix() ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
				: new FileAttribute<?>[0];
		try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
			ch.write(ByteBuffer.wrap(content));
			ch.force(true);
		}
		finally {
			Arrays.fill(content, (byte) 0);
		}
	}

	static Ed25519.KeyPair read(Path dir, LogKey key) throws IOException {
		Path file = dir.resolve(FILE);
		byte[] seed = Files.readAllBytes(file);
		try {
			if (seed.length != Ed25519.SEED_LENGTH) {
				throw new KappaException("The secret key " + file + " of log " + key + " is " + seed.length
						+ " bytes; expected " + Ed25519.SEED_LENGTH);
			}
			Ed25519.KeyPair keyPair = Ed25519.KeyPair.fromSeed(seed);
			if (!Arrays.equals(keyPair.publicKey(), key.bytes())) {
				throw new KappaException("The secret key " + file + " does not belong to log " + key);
			}
			return keyPair;
		}
		finally {
			Arrays.fill(seed, (byte) 0);
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}
}
