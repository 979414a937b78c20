package dev.kappa.internal.log;

import java.io.IOException;
import java.nio.file.Path;

import dev.kappa.core.LogKey;

/** The three files of one log, opened together (docs/format.md). */
record LogFiles(LogChannel data, OffsetIndex index, TreeFile tree) {

	static final String DATA_FILE = "log.dat";

	static final String INDEX_FILE = "log.idx";

	static final String TREE_FILE = "log.tree";

	/** Bytes of the data file's header (magic, version, key; docs/format.md). */
	static final int DATA_HEADER = 64;

	/** Opens the data file (creating it if {@code create}) and the derived files (missing ones are created). */
	static LogFiles open(LogFileIo io, Path dir, LogKey key, boolean create) throws IOException {
		String id = key.toString();
		LogChannel data = LogChannel.open(io, dir.resolve(LogFiles.DATA_FILE),
				LogChannel.header("KAPPALOG", LogFiles.DATA_HEADER, key.bytes()), create, id);
		try {
			// the index and tree are derived: missing ones are created and rebuilt by recovery
			OffsetIndex index = OffsetIndex.open(io, dir.resolve(LogFiles.INDEX_FILE), true, id);
			try {
				return new LogFiles(data, index, TreeFile.open(io, dir.resolve(LogFiles.TREE_FILE), true, id));
			}
			catch (IOException | RuntimeException ex) {
				index.close();
				throw ex;
			}
		}
		catch (IOException | RuntimeException ex) {
			data.close();
			throw ex;
		}
	}

	void close() throws IOException {
		try (LogChannel d = this.data; OffsetIndex i = this.index; TreeFile t = this.tree) {
			// closes all three
		}
	}
}
