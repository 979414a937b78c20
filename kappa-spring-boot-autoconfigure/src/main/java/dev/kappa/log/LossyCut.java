package dev.kappa.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.kappa.core.KappaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard of a local log after a recovery cut that may have removed entries its writer had published:
 * {@link #FILE} records the first seq lost, and while it exists the log refuses appends (they would sign
 * those seqs a second time). Deleting it accepts the loss.
 */
final class LossyCut {

	static final String FILE = "log.cut";

	private static final Logger logger = LoggerFactory.getLogger(LossyCut.class);

	private final Path dir;

	private final String id;

	/** Why the log refuses appends, or {@code null}. */
	private volatile String refusal;

	private LossyCut(Path dir, String id) {
		this.dir = dir;
		this.id = id;
	}

	/**
	 * The guard of the local log in {@code dir}: records a cut from {@code lossyCutAt} (if not negative) that
	 * this open made, and refuses appends if a cut (now or at an earlier open) is recorded.
	 */
	static LossyCut open(Path dir, String id, long lossyCutAt) throws IOException {
		LossyCut cut = new LossyCut(dir, id);
		Path marker = dir.resolve(FILE);
		if (lossyCutAt >= 0 && !Files.exists(marker)) {
			Files.writeString(marker, lossyCutAt + "\n");
			Directories.force(dir);
		}
		if (Files.exists(marker)) {
			String from = Files.readString(marker).trim();
			cut.refusal = "Log " + id + " refuses appends: a recovery cut removed entries from seq " + from
					+ " on that its writer may have acknowledged or published; appending would sign those seqs a second"
					+ " time (a fork for every peer holding the originals). Restore the entries (replicate or copy the log"
					+ " back from a peer or backup that holds them), or accept the loss by deleting " + marker;
			logger.error(cut.refusal);
		}
		return cut;
	}

	/** Throws while appends are refused; once the operator deleted {@link #FILE}, logs that they resume at {@code length}. */
	void checkAppendsAllowed(long length) {
		String why = this.refusal;
		if (why != null) {
			if (Files.exists(this.dir.resolve(FILE))) {
				throw new KappaException(why);
			}
			this.refusal = null;
			logger.warn("Log {}: {} was deleted: the loss is accepted and appends resume at seq {}", this.id,
					this.dir.resolve(FILE), length);
		}
	}
}
