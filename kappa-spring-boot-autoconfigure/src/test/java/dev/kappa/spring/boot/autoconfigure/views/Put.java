package dev.kappa.spring.boot.autoconfigure.views;

import dev.kappa.core.KappaMessage;

@KappaMessage("put")
public record Put(long id, String key, String value) {
}
