package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.kappa.core.KappaException;
import dev.kappa.core.LogKey;
import dev.kappa.internal.crypto.Ed25519;

/**
 * A local log's writer key: {@code secret.key}, the raw 32-byte Ed25519 seed, created readable and writable
 * by the owner only (0600) on file systems with POSIX permissions. Its content is never logged.
 */
final class SecretKeyFile {

	static final String FILE = "secret.key";

	private SecretKeyFile() {
	}

	/** Creates the key file in {@code dir} ({@link AtomicFiles#createOwnerOnly}); it must not exist yet. */
	static void write(Path dir, Ed25519.KeyPair keyPair) throws IOException {
		Path file = dir.resolve(FILE);
		if (!AtomicFiles.createOwnerOnly(file, keyPair.seed())) {
			throw new FileAlreadyExistsException(file.toString());
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
}
