package dev.kappa.view.builtin;

import dev.kappa.view.Indexed;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A head of {@link MultiValueRegisterView}: an entry no other entry supersedes. A key with several heads
 * has concurrent values (a fork) until an entry links them all.
 *
 * @param id the entry's id, {@code <log key>@<seq>}
 * @param key its key
 * @param value its value
 */
@Table("kappa_mv_heads")
public record MvHead(@Id String id, @Indexed String key, String value) {
}
