package dev.kappa.sample;

import java.time.Instant;
import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import dev.kappa.core.LogReader;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Appends to the {@code default} log and reads any log held. */
@RestController
class LogController {

	private final Kappa kappa;

	LogController(Kappa kappa) {
		this.kappa = kappa;
	}

	record Appended(String log, long seq) {
	}

	record LogInfo(String key, long length, boolean writable) {
	}

	record Entry(String log, long seq, String type, Instant timestamp, JsonNode value) {
	}

	@PostMapping("/entries")
	@ResponseStatus(HttpStatus.CREATED)
	Appended append(@RequestBody Put put) {
		var writer = this.kappa.writer("default");
		return new Appended(writer.key().toString(), writer.append(put));
	}

	@GetMapping("/logs")
	List<LogInfo> logs() {
		return this.kappa.logs().stream().map(l -> new LogInfo(l.key().toString(), l.length(), l.writable())).toList();
	}

	@GetMapping("/logs/{key}/{seq}")
	Entry entry(@PathVariable String key, @PathVariable long seq) {
		LogReader log = this.kappa.log(LogKey.parse(key))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No log " + key));
		if (seq < 0 || seq >= log.length()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Log " + key + " has no entry " + seq);
		}
		LogEntry<JsonNode> e = log.get(seq, JsonNode.class);
		return new Entry(key, seq, e.type(), e.timestamp(), e.value());
	}

	/** An entry refused by validation (e.g. {@code "key": null}): 400 naming the field; nothing was appended. */
	@ExceptionHandler(ConstraintViolationException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalidEntry(ConstraintViolationException ex) {
		return ex.getMessage();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String badRequest(IllegalArgumentException ex) {
		return ex.getMessage();
	}
}
