package dev.kappa.internal.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.kappa.internal.crypto.Ed25519;
import dev.kappa.internal.crypto.X25519KeyPair;
import dev.kappa.internal.log.AtomicFiles;

/**
 * The replication key files under {@code <storage-dir>/replication/}, readable and writable by the owner only
 * (0600 where the file system has POSIX permissions): {@code node.key}, the node's static X25519 private key
 * (32 raw bytes), {@code network.key}, a generated network key (64 hex characters), and {@code hypercore.key},
 * the node's hypercore identity (its Ed25519 Noise static key, a 32-byte seed). A file is written by
 * {@link AtomicFiles#createOwnerOnly}, so it is either whole or absent.
 */
public final class KeyFiles {

	static final String DIR = "replication";

	static final String NODE_KEY = "node.key";

	static final String HYPERCORE_KEY = "hypercore.key";

	private KeyFiles() {
	}

	/** The node's static key, created on first use. */
	static X25519KeyPair nodeKey(Path storageDir) {
		Path file = storageDir.resolve(DIR).resolve(NODE_KEY);
		try {
			if (!Files.exists(file)) {
				X25519KeyPair generated = X25519KeyPair.generate();
				AtomicFiles.createOwnerOnly(file, generated.privateKey());
			}
			byte[] key = Files.readAllBytes(file);
			try {
				if (key.length != X25519KeyPair.KEY_LENGTH) {
					throw new ReplicationException("The replication node key " + file + " is " + key.length
							+ " bytes; expected " + X25519KeyPair.KEY_LENGTH + ". Delete it to generate a new one.");
				}
				return X25519KeyPair.fromPrivateKey(key);
			}
			finally {
				Arrays.fill(key, (byte) 0);
			}
		}
		catch (IOException ex) {
			throw new ReplicationException("Cannot read or create the replication node key " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The node's hypercore identity, an Ed25519 key pair of its own (never a log's key), created on first use.
	 * @throws ReplicationException naming the file if it cannot be read or created, or has the wrong length
	 */
	public static Ed25519.KeyPair hypercoreIdentity(Path storageDir) {
		Path file = storageDir.resolve(DIR).resolve(HYPERCORE_KEY);
		try {
			if (!Files.exists(file)) {
				AtomicFiles.createOwnerOnly(file, Ed25519.KeyPair.generate().seed());
			}
			byte[] seed = Files.readAllBytes(file);
			try {
				if (seed.length != Ed25519.SEED_LENGTH) {
					throw new ReplicationException("The hypercore identity key " + file + " is " + seed.length
							+ " bytes; expected " + Ed25519.SEED_LENGTH + ". Delete it to generate a new one.");
				}
				return Ed25519.KeyPair.fromSeed(seed);
			}
			finally {
				Arrays.fill(seed, (byte) 0);
			}
		}
		catch (IOException ex) {
			throw new ReplicationException("Cannot read or create the hypercore identity key " + file + ": " + ex.getMessage(), ex);
		}
	}
}
