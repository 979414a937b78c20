package dev.kappa.view.builtin;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An entry id that some entry of {@link MultiValueRegisterView} superseded. Kept so that an entry arriving
 * after the one that supersedes it never becomes a head.
 *
 * @param id the superseded entry's id
 */
@Table("kappa_mv_links")
public record MvLink(@Id String id) {
}
