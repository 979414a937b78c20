package dev.kappa.sample;

import dev.kappa.core.KappaMessage;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * An entry of the sample: "key now holds value". Validated before it is appended (Bean Validation is on the class
 * path), so an entry the kv view could not take never reaches the log.
 */
@KappaMessage("put")
public record Put(long id, @NotBlank String key, @NotNull String value) {
}
