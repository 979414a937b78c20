package dev.kappa.bench.kv;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the kv view: the last value written for a key. */
@Table("kv")
public record KvRow(@Id String key, String value) {
}
