package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import dev.kappa.core.LogKey;

/**
 * {@code log.manifest}, present only in the directory of a log followed from a hypercore manifest core
 * (docs/format.md, "Manifest logs"): it says how the log's signatures verify. Written before {@code log.dat}
 * exists and never changed afterwards.
 *
 * <pre>
 * 4 bytes "KMAN", u32 version 1, u32 length m, the m manifest bytes (as they hash to the key), u32 CRC32C of the preceding bytes
 * </pre>
 */
final class ManifestFile {

	static final String FILE = "log.manifest";

	private static final int MAGIC = 0x4e414d4b; // "KMAN"

	private static final int VERSION = 1;

	/** Manifests this large are not single-signer ones; a length field beyond it is damage. */
	private static final int MAX_MANIFEST = 4096;

	private ManifestFile() {
	}

	/** Durably writes {@code manifest} as {@code dir/log.manifest} (via {@code .tmp-log.manifest}, {@link AtomicFiles}). */
	static void write(LogFileIo io, Path dir, byte[] manifest) throws IOException {
		byte[] buf = new byte[12 + manifest.length + 4];
		Frame.putInt(buf, 0, MAGIC);
		Frame.putInt(buf, 4, VERSION);
		Frame.putInt(buf, 8, manifest.length);
		System.arraycopy(manifest, 0, buf, 12, manifest.length);
		Frame.putInt(buf, buf.length - 4, crc(buf, buf.length - 4));
		AtomicFiles.write(io, dir.resolve(FILE), buf);
	}

	/**
	 * The signature scheme of the log {@code key} in {@code dir}: its manifest's if it has a {@code log.manifest},
	 * else compat. A {@code .tmp-log.manifest} (a write that never completed) is deleted.
	 * @throws CorruptLogException if the manifest file is damaged or not the key's, or a log without one has a key
	 *         that is no Ed25519 public key
	 */
	static SignatureScheme scheme(Path dir, LogKey key) throws IOException {
		Files.deleteIfExists(AtomicFiles.temporary(dir.resolve(FILE)));
		Path path = dir.resolve(FILE);
		if (!Files.exists(path)) {
			try {
				return SignatureScheme.compat(key);
			}
			catch (IllegalArgumentException ex) {
				throw new CorruptLogException(key.toString(), path, 0, "the log has no manifest file and its key is no"
						+ " Ed25519 public key, so its signatures cannot be verified (" + ex.getMessage() + ")");
			}
		}
		byte[] buf = Files.readAllBytes(path);
		String problem = problem(buf);
		if (problem != null) {
			throw new CorruptLogException(key.toString(), path, 0, problem);
		}
		try {
			return SignatureScheme.manifest(key, Arrays.copyOfRange(buf, 12, buf.length - 4));
		}
		catch (IllegalArgumentException ex) {
			throw new CorruptLogException(key.toString(), path, 12, ex.getMessage());
		}
	}

	private static String problem(byte[] buf) {
		if (buf.length < 16 || Frame.getInt(buf, 0) != MAGIC) {
			return "not a manifest file (bad magic or too short: " + buf.length + " bytes)";
		}
		if (Frame.getInt(buf, 4) != VERSION) {
			return "manifest file version " + Frame.getInt(buf, 4) + ", expected " + VERSION;
		}
		int length = Frame.getInt(buf, 8);
		if (length < 0 || length > MAX_MANIFEST || 12L + length + 4 != buf.length) {
			return "the manifest length " + length + " does not match the file's " + buf.length + " bytes";
		}
		return crc(buf, buf.length - 4) == Frame.getInt(buf, buf.length - 4) ? null : "manifest file checksum mismatch";
	}

	private static int crc(byte[] buf, int length) {
		CRC32C crc = new CRC32C();
		crc.update(buf, 0, length);
		return (int) crc.getValue();
	}
}
