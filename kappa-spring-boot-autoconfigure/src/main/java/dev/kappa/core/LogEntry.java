package dev.kappa.core;

import java.time.Instant;

/**
 * One entry of a log, as handed to readers and view handlers.
 *
 * @param log the log it belongs to
 * @param seq its position in the log, from 0
 * @param type the type name it was appended with ({@link KappaMessage} or the class's simple name)
 * @param timestamp when its writer appended it (writer's clock)
 * @param value the payload: decoded to the requested type, a {@code JsonNode}, or the raw JSON bytes
 * @param <T> the payload type
 */
public record LogEntry<T>(LogKey log, long seq, String type, Instant timestamp, T value) {
}
