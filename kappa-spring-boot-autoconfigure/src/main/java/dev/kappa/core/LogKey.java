package dev.kappa.core;

import java.util.Arrays;

/**
 * The identity of a log: its writer's 32-byte Ed25519 public key. Every entry of the log is covered by a
 * signature that verifies under this key.
 *
 * @param bytes the public key (defensively copied; never mutated)
 */
public record LogKey(byte[] bytes) implements Comparable<LogKey> {

	/** Length of a public key in bytes. */
	public static final int LENGTH = 32;

	public LogKey {
		if (bytes == null || bytes.length != LENGTH) {
			throw new IllegalArgumentException("A log key is " + LENGTH + " bytes, got "
					+ (bytes == null ? "null" : bytes.length + " bytes"));
		}
		bytes = bytes.clone();
	}

	/**
	 * Parses the 64-character hexadecimal form produced by {@link #toString()}.
	 * @throws IllegalArgumentException if {@code hex} is not 64 hexadecimal characters
	 */
	public static LogKey parse(String hex) {
		byte[] bytes = Hex.decode(hex, LENGTH);
		if (bytes == null) {
			throw new IllegalArgumentException("A log key is 64 hex characters, got '" + hex + "'");
		}
		return new LogKey(bytes);
	}

	/** A copy of the key bytes. */
	@Override
	public byte[] bytes() {
		return this.bytes.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LogKey key && Arrays.equals(this.bytes, key.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public int compareTo(LogKey other) {
		return Arrays.compareUnsigned(this.bytes, other.bytes);
	}

	/** The key as 64 lower-case hexadecimal characters. */
	@Override
	public String toString() {
		return Hex.encode(this.bytes);
	}
}
