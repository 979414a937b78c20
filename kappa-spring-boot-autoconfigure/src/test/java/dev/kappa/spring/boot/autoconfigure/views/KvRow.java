package dev.kappa.spring.boot.autoconfigure.views;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("kv")
public record KvRow(@Id String key, String value) {
}
