package dev.kappa.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte network key: the pre-shared key of the Noise handshake, so only nodes holding it replicate with
 * each other. Configured as 64 hexadecimal characters in {@value #PROPERTY}; when that is not set, a key is
 * generated once, stored in {@code <storage-dir>/replication/network.key} (owner-only), and printed in one log
 * line telling the user to set it on the other nodes.
 * <p>
 * Internal: the auto-configuration calls {@link #resolve(String, Path)}.
 */
public final class NetworkKey {

	/** The property holding the key. */
	public static final String PROPERTY = "kappa.replication.network-key";

	static final String FILE = "network.key";

	private static final Logger logger = LoggerFactory.getLogger(NetworkKey.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final byte[] bytes;

	private NetworkKey(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * The key in {@code hex} (64 hexadecimal characters, surrounding spaces ignored).
	 * @throws IllegalArgumentException naming {@value #PROPERTY} if it is not 64 hexadecimal characters
	 */
	public static NetworkKey parse(String hex) {
		String value = hex == null ? "" : hex.strip();
		if (value.length() != 64 || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
			throw new IllegalArgumentException(PROPERTY + " must be 64 hexadecimal characters (32 bytes); the value set has "
					+ value.length() + " characters" + (value.length() == 64 ? ", not all of them hexadecimal" : ""));
		}
		return new NetworkKey(HexFormat.of().parseHex(value.toLowerCase(java.util.Locale.ROOT)));
	}

	/** The 32 bytes given. */
	public static NetworkKey of(byte[] key) {
		if (key == null || key.length != 32) {
			throw new IllegalArgumentException("A network key is 32 bytes, got " + (key == null ? "null" : key.length));
		}
		return new NetworkKey(key.clone());
	}

	/** A fresh random key. */
	public static NetworkKey generate() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return new NetworkKey(key);
	}

	/**
	 * The configured key if {@code configured} is set (not blank), else the one stored under {@code storageDir},
	 * generated and stored on first use.
	 * @throws IllegalArgumentException if {@code configured} is not a valid key
	 */
	public static NetworkKey resolve(String configured, Path storageDir) {
		if (configured != null && !configured.isBlank()) {
			return parse(configured);
		}
		Path file = storageDir.resolve(KeyFiles.DIR).resolve(FILE);
		try {
			if (!Files.exists(file)) {
				NetworkKey generated = generate();
				KeyFiles.writeOwnerOnly(file, generated.toHex().getBytes(StandardCharsets.US_ASCII));
				NetworkKey stored = read(file);
				if (Arrays.equals(stored.bytes, generated.bytes)) {
					logger.warn("Generated a replication network key and stored it in {}. Only nodes holding the same key"
							+ " replicate: set {}={} on the other nodes.", file, PROPERTY, stored.toHex());
				}
				return stored;
			}
			return read(file);
		}
		catch (IOException ex) {
			throw new ReplicationException("Cannot read or create the network key " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static NetworkKey read(Path file) throws IOException {
		try {
			return parse(Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (IllegalArgumentException ex) {
			throw new ReplicationException("The stored network key " + file + " is not 64 hexadecimal characters;"
					+ " delete it to generate a new one, or set " + PROPERTY);
		}
	}

	/** A copy of the 32 bytes. */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/** The key as 64 lower-case hexadecimal characters (a secret: do not log it). */
	public String toHex() {
		return HexFormat.of().formatHex(this.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NetworkKey key && java.security.MessageDigest.isEqual(key.bytes, this.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	/** Never shows the key. */
	@Override
	public String toString() {
		return "NetworkKey[secret]";
	}
}
