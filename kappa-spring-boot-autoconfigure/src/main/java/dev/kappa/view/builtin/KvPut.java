package dev.kappa.view.builtin;

import dev.kappa.core.KappaMessage;

/**
 * "{@code key} now holds {@code value}", for {@link LastWriterWinsKvView}.
 *
 * @param key the key
 * @param value its new value
 */
@KappaMessage("kv.put")
public record KvPut(String key, String value) {
}
