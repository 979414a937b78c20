package dev.kappa.bench.unique;

import dev.kappa.view.Indexed;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the unique-N view: one per entry, as a new user's todo list stores them. */
@Table("todo")
public record TodoRow(@Id long id, String title, boolean done, @Indexed String owner) {

	static TodoRow of(Todo todo) {
		return new TodoRow(todo.id(), todo.title(), todo.done(), todo.owner());
	}
}
