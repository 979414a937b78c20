package dev.kappa.internal.hypercore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

/** Reads the deterministic Node vectors under {@code src/test/resources/hypercore/}. */
final class Vectors {

	private final Properties properties = new Properties();

	private final String name;

	private Vectors(String name) {
		this.name = name;
		try (InputStream in = Vectors.class.getResourceAsStream("/hypercore/" + name)) {
			if (in == null) {
				throw new IllegalStateException("No vector file " + name);
			}
			this.properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Vectors load(String name) {
		return new Vectors(name);
	}

	byte[] bytes(String key) {
		String value = this.properties.getProperty(key);
		if (value == null) {
			throw new IllegalStateException(this.name + " has no " + key);
		}
		return HexFormat.of().parseHex(value);
	}

	int integer(String key) {
		return Integer.parseInt(this.properties.getProperty(key));
	}

	static byte[] fill(int length, int value) {
		byte[] b = new byte[length];
		Arrays.fill(b, (byte) value);
		return b;
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return this.name;
	}
}
