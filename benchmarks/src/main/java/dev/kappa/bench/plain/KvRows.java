package dev.kappa.bench.plain;

import dev.kappa.bench.kv.KvRow;

import org.springframework.data.repository.CrudRepository;

/** The kv-N rows, read by the plain application. */
public interface KvRows extends CrudRepository<KvRow, String> {
}
