package dev.kappa.sample;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of the kv view: what a key holds now, and which entry wrote it.
 *
 * @param key the key
 * @param value its value
 * @param writtenAt when the winning entry was written
 * @param log the winning entry's log
 * @param seq the winning entry's seq
 */
@Table("kv")
public record KvRow(@Id String key, String value, Instant writtenAt, String log, long seq) {

	/** Later timestamp wins; ties go to the greater log key, then seq: the same on every replica. */
	boolean newerThan(KvRow other) {
		int byTime = this.writtenAt.compareTo(other.writtenAt);
		if (byTime != 0) {
			return byTime > 0;
		}
		int byLog = this.log.compareTo(other.log);
		return byLog != 0 ? byLog > 0 : this.seq > other.seq;
	}
}
