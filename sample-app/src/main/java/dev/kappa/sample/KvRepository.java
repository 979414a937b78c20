package dev.kappa.sample;

import java.util.List;

import dev.kappa.view.ViewRepository;

/** Reads the kv view. */
public interface KvRepository extends ViewRepository<KvRow, String> {

	List<KvRow> findByValue(String value);
}
