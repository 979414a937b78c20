package dev.kappa.view.builtin;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@link LastWriterWinsKvView}: the value a key holds, and the entry that wrote it.
 *
 * @param key the key
 * @param value the value of the winning entry
 * @param writtenAt the winning entry's writer timestamp
 * @param log the winning entry's log key (64 hex characters)
 * @param seq the winning entry's seq
 */
@Table("kappa_kv")
public record KvEntry(@Id String key, String value, Instant writtenAt, String log, long seq) {

	/** Whether this entry wins over {@code other}: later timestamp, then greater log key, then greater seq. */
	boolean winsOver(KvEntry other) {
		int byTime = this.writtenAt.compareTo(other.writtenAt);
		if (byTime != 0) {
			return byTime > 0;
		}
		int byLog = this.log.compareTo(other.log);
		return byLog != 0 ? byLog > 0 : this.seq > other.seq;
	}
}
