package dev.kappa.spring.boot.test.app;

import dev.kappa.spring.boot.test.app.TestApplication.KvRow;
import dev.kappa.view.ViewRepository;

/** The kv view's rows. */
public interface KvRepository extends ViewRepository<KvRow, String> {
}
