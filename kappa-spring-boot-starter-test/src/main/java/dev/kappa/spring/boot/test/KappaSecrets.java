package dev.kappa.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The secrets a storage dir holds (the network key, the node key, every local log's secret key), in every encoding
 * they could leak in (hex in both cases, base64, base64url, with and without padding), to check that none appears
 * in captured output.
 *
 * <pre>{@code
 * assertThat(KappaSecrets.foundIn(output.getAll(), storageDir)).isEmpty();
 * }</pre>
 */
public final class KappaSecrets {

	private KappaSecrets() {
	}

	/** The names of the secrets of {@code storageDir} that appear in {@code text} (empty if none does). */
	public static List<String> foundIn(String text, Path storageDir) {
		List<String> found = new ArrayList<>();
		for (Map.Entry<String, byte[]> secret : secrets(storageDir).entrySet()) {
			for (String encoded : encodings(secret.getValue())) {
				if (text.contains(encoded)) {
					found.add(secret.getKey());
					break;
				}
			}
		}
		return found;
	}

	/** Each secret file of {@code storageDir} (relative name) and its key bytes. */
	public static Map<String, byte[]> secrets(Path storageDir) {
		Map<String, byte[]> secrets = new LinkedHashMap<>();
		try {
			Path networkKey = storageDir.resolve("replication/network.key");
			if (Files.exists(networkKey)) {
				secrets.put("replication/network.key",
						HexFormat.of().parseHex(Files.readString(networkKey, StandardCharsets.US_ASCII).strip()));
			}
			Path nodeKey = storageDir.resolve("replication/node.key");
			if (Files.exists(nodeKey)) {
				secrets.put("replication/node.key", Files.readAllBytes(nodeKey));
			}
			Path logs = storageDir.resolve("logs");
			if (Files.isDirectory(logs)) {
				try (Stream<Path> dirs = Files.list(logs)) {
					for (Path dir : dirs.toList()) {
						Path secretKey = dir.resolve("secret.key");
						if (Files.exists(secretKey)) {
							secrets.put(storageDir.relativize(secretKey).toString(), Files.readAllBytes(secretKey));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the keys under " + storageDir + ": " + ex.getMessage(), ex);
		}
		return secrets;
	}

	static List<String> encodings(byte[] key) {
		String hex = HexFormat.of().formatHex(key);
		String base64 = Base64.getEncoder().encodeToString(key);
		String base64Url = Base64.getUrlEncoder().encodeToString(key);
		return List.of(hex, hex.toUpperCase(Locale.ROOT), base64, stripPadding(base64), base64Url, stripPadding(base64Url));
	}

	private static String stripPadding(String base64) {
		return base64.replace("=", "");
	}
}
