package dev.kappa.internal.replication;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.kappa.internal.crypto.X25519KeyPair;

/** The node's static key under a storage dir, read or created on first use and kept from then on. */
final class NodeKey implements Supplier<X25519KeyPair> {

	private final Path storageDir;

	private volatile X25519KeyPair key;

	NodeKey(Path storageDir) {
		this.storageDir = storageDir;
	}

	@Override
	public synchronized X25519KeyPair get() {
		if (this.key == null) {
			this.key = KeyFiles.nodeKey(this.storageDir);
		}
		return this.key;
	}
}
