package dev.kappa.sample;

import dev.kappa.core.KappaMessage;

/** An entry of the sample: "key now holds value". */
@KappaMessage("put")
public record Put(long id, String key, String value) {
}
