package dev.kappa.core;

import java.util.HexFormat;

/**
 * Keys as hexadecimal text, one codec for all of them (a log key, the replication network key).
 * <p>
 * Internal: not part of the API.
 */
public final class Hex {

	private Hex() {
	}

	/** {@code bytes} as lower-case hexadecimal characters, two per byte. */
	public static String encode(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	/**
	 * The {@code length} bytes that {@code text} spells in hexadecimal (either case), or {@code null} if it is not
	 * exactly {@code 2 * length} hexadecimal characters; callers word the error (some must not echo the value).
	 */
	public static byte[] decode(String text, int length) {
		if (text == null || text.length() != 2 * length || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
			return null;
		}
		return HexFormat.of().parseHex(text);
	}
}
