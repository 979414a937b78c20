package dev.kappa.spring.boot.autoconfigure.views;

import java.util.List;

import dev.kappa.view.ViewRepository;

public interface KvRepository extends ViewRepository<KvRow, String> {

	List<KvRow> findByValue(String value);
}
