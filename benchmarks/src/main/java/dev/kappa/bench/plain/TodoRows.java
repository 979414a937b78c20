package dev.kappa.bench.plain;

import dev.kappa.bench.unique.TodoRow;

import org.springframework.data.repository.CrudRepository;

/** The unique-N rows, read by the plain application. */
public interface TodoRows extends CrudRepository<TodoRow, Long> {
}
