package dev.kappa.core;

/**
 * This database as a peer of the hypercore network (Node hypercore 11 over TCP), configured by
 * {@code kappa.hypercore.*}: which local logs hypercore peers may read, which of their cores it follows, and where
 * it listens. Hypercore has no
 * network key: anyone who knows an exposed log's key can read it, so nothing is exposed unless asked.
 */
public interface KappaHypercore {

	/**
	 * Lets hypercore peers read the local log {@code name} (as a compat core: its key is the log key), from now
	 * on; {@code "*"} exposes every local log.
	 */
	void expose(String name);

	/**
	 * Follows the hypercore core {@code key} from every connected peer that has it: it is downloaded, verified
	 * against its writer's signature and kept as a read-only log (listed by {@link Kappa#logs()}), and kept up
	 * to date while connected. Compat cores (key = the writer's Ed25519 public key) and manifest cores (hypercore
	 * 11's default: key = the hash of a single-signer manifest) are followed; the log is created by the first
	 * verified download.
	 */
	void follow(LogKey key);

	/** Whether the core {@code key} is followed. */
	boolean isFollowed(LogKey key);

	/** Whether the local log {@code name} is exposed. */
	boolean isExposed(String name);

	/** The TCP port hypercore peers connect to, or -1 when no server runs. */
	int port();

	/** This node's hypercore identity: the Ed25519 public key peers see in the Noise handshake (32 bytes). */
	byte[] publicKey();
}
