package dev.kappa.sample;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The kv view over HTTP. */
@RestController
class KvController {

	private final KvRepository kv;

	KvController(KvRepository kv) {
		this.kv = kv;
	}

	record Value(String key, String value) {
	}

	@GetMapping("/kv")
	List<Value> all() {
		return this.kv.findAll(Sort.by("key")).stream().map(r -> new Value(r.key(), r.value())).toList();
	}

	@GetMapping("/kv/{key}")
	Value one(@PathVariable String key) {
		return this.kv.findById(key)
			.map(r -> new Value(r.key(), r.value()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No key " + key));
	}
}
