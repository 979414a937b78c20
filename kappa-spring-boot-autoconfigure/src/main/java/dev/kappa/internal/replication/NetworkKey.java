package dev.kappa.internal.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.kappa.core.Hex;
import dev.kappa.internal.log.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 32-byte network key: the pre-shared key of the Noise handshake, so only nodes holding it replicate with
 * each other. Given as 64 hexadecimal characters in {@value #PROPERTY} (or its environment variable
 * {@value #ENVIRONMENT_VARIABLE}), or in a file named by {@value #FILE_PROPERTY}; when neither is set, a key is
 * generated the first time replication is used, stored in {@code <storage-dir>/replication/network.key}
 * (owner-only), and one log line names that file. The key itself is never logged nor echoed in an error.
 * <p>
 * Internal: the auto-configuration calls {@link #parse(String)}, {@link #fromFile(Path)} or {@link #stored(Path)}.
 */
public final class NetworkKey {

	/** The property holding the key. */
	public static final String PROPERTY = "kappa.replication.network-key";

	/** The property naming a file that holds the key. */
	public static final String FILE_PROPERTY = "kappa.replication.network-key-file";

	/** The environment variable Spring Boot binds to {@value #PROPERTY}. */
	public static final String ENVIRONMENT_VARIABLE = "KAPPA_REPLICATION_NETWORKKEY";

	static final String FILE = "network.key";

	private static final Logger logger = LoggerFactory.getLogger(NetworkKey.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Supplier<byte[]> source;

	private volatile byte[] bytes;

	private NetworkKey(byte[] bytes) {
		this.bytes = bytes;
		this.source = null;
	}

	private NetworkKey(Supplier<byte[]> source) {
		this.source = source;
	}

	/**
	 * The key in {@code hex} (64 hexadecimal characters, surrounding spaces ignored).
	 * @throws IllegalArgumentException naming {@value #PROPERTY} if it is not 64 hexadecimal characters; the
	 * message never contains the value
	 */
	public static NetworkKey parse(String hex) {
		return parse(hex, PROPERTY);
	}

	private static NetworkKey parse(String hex, String source) {
		String value = hex == null ? "" : hex.strip();
		byte[] key = Hex.decode(value, 32);
		if (key == null) {
			throw new IllegalArgumentException(source + " must be 64 hexadecimal characters (32 bytes); the value set has "
					+ value.length() + " characters" + (value.length() == 64 ? ", not all of them hexadecimal" : ""));
		}
		return new NetworkKey(key);
	}

	/**
	 * The key held in {@code file} (64 hexadecimal characters, surrounding white space ignored).
	 * @throws IllegalArgumentException naming {@value #FILE_PROPERTY} and the file if it cannot be read or does not
	 * hold a key; the message never contains the file's content
	 */
	public static NetworkKey fromFile(Path file) {
		String content;
		try {
			content = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalArgumentException(FILE_PROPERTY + ": cannot read " + file.toAbsolutePath() + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
		return parse(content, FILE_PROPERTY + " (" + file.toAbsolutePath() + ")");
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
	 * The key stored under {@code storageDir}, read, or generated and stored, only when it is first used (a
	 * handshake, or {@link #bytes()}), so a node that never replicates never creates one.
	 */
	public static NetworkKey stored(Path storageDir) {
		return new NetworkKey(() -> readOrCreate(storageDir).bytes);
	}

	/**
	 * The configured key if {@code configured} is set (not blank), else the one stored under {@code storageDir},
	 * generated and stored now if there is none.
	 * @throws IllegalArgumentException if {@code configured} is not a valid key
	 */
	public static NetworkKey resolve(String configured, Path storageDir) {
		if (configured != null && !configured.isBlank()) {
			return parse(configured);
		}
		return readOrCreate(storageDir);
	}

	private static NetworkKey readOrCreate(Path storageDir) {
		Path file = storageDir.resolve(KeyFiles.DIR).resolve(FILE);
		try {
			if (!Files.exists(file)) {
				NetworkKey generated = generate();
				AtomicFiles.createOwnerOnly(file, generated.toHex().getBytes(StandardCharsets.US_ASCII));
				NetworkKey stored = read(file);
				if (Arrays.equals(stored.bytes, generated.bytes)) {
					logger.info("Generated a replication network key in {} (readable by this user only). Only nodes"
							+ " holding the same key replicate: copy that file to the other nodes and set {}=<path of the"
							+ " copy> there (or put its content in the environment variable {}). The key is never logged.",
							file, FILE_PROPERTY, ENVIRONMENT_VARIABLE);
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

	private byte[] resolved() {
		byte[] key = this.bytes;
		if (key == null) {
			synchronized (this) {
				key = this.bytes;
				if (key == null) {
					key = this.source.get();
					this.bytes = key;
				}
			}
		}
		return key;
	}

	/** A copy of the 32 bytes. */
	public byte[] bytes() {
		return resolved().clone();
	}

	/** The key as 64 lower-case hexadecimal characters (a secret: do not log it). */
	public String toHex() {
		return Hex.encode(resolved());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NetworkKey key && java.security.MessageDigest.isEqual(key.resolved(), resolved());
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(resolved());
	}

	/** Never shows the key. */
	@Override
	public String toString() {
		return "NetworkKey[secret]";
	}
}
