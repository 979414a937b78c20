package dev.kappa.core;

import java.time.Instant;

/**
 * An entry a view skipped because one of its handlers threw: with {@code kappa.views.on-error=skip}, or after
 * {@link Kappa#skip(String)} of the entry that stopped a view. It stays listed until a
 * {@link Kappa#retry(String)} handles it without an error.
 *
 * @param view the view that skipped it
 * @param log the entry's log
 * @param seq the entry's seq in that log
 * @param type the entry's type name
 * @param error the exception the handler threw (its last one, after a failed retry)
 * @param failedAt when it last failed
 */
public record DeadLetter(String view, LogKey log, long seq, String type, String error, Instant failedAt) {
}
