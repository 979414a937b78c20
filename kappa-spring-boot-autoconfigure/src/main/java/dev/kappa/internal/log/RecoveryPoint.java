package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * {@code log.recovery}: how far the derived files (index and tree) are known to be on disk. Written after
 * forcing them, by writing a new file and renaming it over the old one. On open, everything after it is
 * rebuilt from the data file, the only file forced on every batch.
 *
 * <pre>
 * 8 bytes "KAPPAREC", u32 version, u32 reserved, u64 length (entries), u64 data end (bytes), u32 CRC32C of the preceding bytes
 * </pre>
 *
 * @param length entries covered
 * @param dataEnd end offset in the data file of the last frame covered
 */
record RecoveryPoint(long length, long dataEnd) {

	static final String FILE = "log.recovery";

	private static final int SIZE = 36;

	/** The recovery point in {@code dir}, or {@code null} if there is none. */
	static RecoveryPoint read(Path dir, String log) throws IOException {
		Path path = dir.resolve(FILE);
		byte[] buf;
		try {
			buf = Files.readAllBytes(path);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		byte[] header = LogChannel.header("KAPPAREC", 16, null);
		if (buf.length != SIZE || !java.util.Arrays.equals(buf, 0, 12, header, 0, 12)) {
			throw new CorruptLogException(log, path, 0, "not a recovery point file of format version " + LogChannel.VERSION);
		}
		CRC32C crc = new CRC32C();
		crc.update(buf, 0, SIZE - 4);
		if ((int) crc.getValue() != Frame.getInt(buf, SIZE - 4)) {
			throw new CorruptLogException(log, path, SIZE - 4, "recovery point checksum mismatch");
		}
		return new RecoveryPoint(Frame.getLong(buf, 16), Frame.getLong(buf, 24));
	}

	/** Durably replaces the recovery point in {@code dir} with this one. */
	void write(LogFileIo io, Path dir) throws IOException {
		byte[] buf = LogChannel.header("KAPPAREC", SIZE, null);
		TreeHashes.putUint64(buf, 16, this.length);
		TreeHashes.putUint64(buf, 24, this.dataEnd);
		CRC32C crc = new CRC32C();
		crc.update(buf, 0, SIZE - 4);
		Frame.putInt(buf, SIZE - 4, (int) crc.getValue());
		AtomicFiles.write(io, dir.resolve(FILE), buf);
	}
}
