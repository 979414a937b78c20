package dev.kappa.internal.engine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes of one entry (the block that the Merkle tree hashes): a version byte, the type name, the
 * writer's timestamp and the JSON payload. Specified in docs/format.md:
 *
 * <pre>
 * u8  version (1)
 * u8  type length t (1..255)
 * t   type name, UTF-8
 * i64 timestamp, microseconds since the epoch, little-endian
 * ... payload: JSON, UTF-8, to the end of the entry
 * </pre>
 *
 * The type can be compared without decoding the payload, so views skip entries of other types cheaply.
 * <p>
 * Internal: used by the engine, not part of the API.
 */
public final class Envelope {

	public static final byte VERSION = 1;

	/** Bytes before the payload besides the type name. */
	private static final int FIXED = 2 + 8;

	private Envelope() {
	}

	/** Encodes an entry. */
	public static byte[] encode(byte[] typeUtf8, Instant timestamp, byte[] payload) {
		checkType(typeUtf8);
		byte[] out = new byte[FIXED + typeUtf8.length + payload.length];
		out[0] = VERSION;
		out[1] = (byte) typeUtf8.length;
		System.arraycopy(typeUtf8, 0, out, 2, typeUtf8.length);
		putUint64(out, 2 + typeUtf8.length, toMicros(timestamp));
		System.arraycopy(payload, 0, out, FIXED + typeUtf8.length, payload.length);
		return out;
	}

	/** The UTF-8 bytes of a type name, checked for length. */
	public static byte[] typeBytes(String type) {
		byte[] bytes = type.getBytes(StandardCharsets.UTF_8);
		checkType(bytes);
		return bytes;
	}

	private static void checkType(byte[] typeUtf8) {
		if (typeUtf8.length == 0 || typeUtf8.length > 255) {
			throw new IllegalArgumentException("A type name is 1 to 255 bytes of UTF-8, got " + typeUtf8.length);
		}
	}

	/**
	 * Checks the structure of an entry (version, type length, room for the timestamp).
	 * @return {@code null} if it is well formed, else what is wrong
	 */
	public static String problem(byte[] buf, int offset, int length) {
		if (length < FIXED + 1) {
			return "entry of " + length + " bytes is shorter than an envelope";
		}
		if (buf[offset] != VERSION) {
			return "unknown envelope version " + buf[offset];
		}
		int t = buf[offset + 1] & 0xff;
		if (t == 0 || FIXED + t > length) {
			return "type length " + t + " does not fit an entry of " + length + " bytes";
		}
		return null;
	}

	/** Whether the entry's type is exactly {@code typeUtf8}, without decoding anything. */
	public static boolean hasType(byte[] buf, int offset, byte[] typeUtf8) {
		int t = buf[offset + 1] & 0xff;
		if (t != typeUtf8.length) {
			return false;
		}
		for (int i = 0; i < t; i++) {
			if (buf[offset + 2 + i] != typeUtf8[i]) {
				return false;
			}
		}
		return true;
	}

	public static String type(byte[] buf, int offset) {
		return new String(buf, offset + 2, buf[offset + 1] & 0xff, StandardCharsets.UTF_8);
	}

	public static Instant timestamp(byte[] buf, int offset) {
		int at = offset + 2 + (buf[offset + 1] & 0xff);
		long micros = 0;
		for (int i = 7; i >= 0; i--) {
			micros = (micros << 8) | (buf[at + i] & 0xff);
		}
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
	}

	/** Offset of the payload within the entry. */
	public static int payloadOffset(byte[] buf, int offset) {
		return FIXED + (buf[offset + 1] & 0xff);
	}

	private static long toMicros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
	}

	private static void putUint64(byte[] out, int offset, long value) {
		for (int i = 0; i < 8; i++) {
			out[offset + i] = (byte) (value >>> (8 * i));
		}
	}
}
