package dev.kappa.view;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * A read-only Spring Data repository over a view's table. Views are written only by their handlers; extend
 * this instead of {@code CrudRepository} and add derived queries ({@code findByValue}) as usual.
 *
 * @param <T> the row class
 * @param <ID> the type of its {@code @Id}
 */
@NoRepositoryBean
public interface ViewRepository<T, ID> extends Repository<T, ID> {

	Optional<T> findById(ID id);

	boolean existsById(ID id);

	List<T> findAll();

	List<T> findAllById(Iterable<ID> ids);

	List<T> findAll(Sort sort);

	Page<T> findAll(Pageable pageable);

	long count();
}
