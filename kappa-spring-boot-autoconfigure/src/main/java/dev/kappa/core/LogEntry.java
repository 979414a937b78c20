package dev.kappa.core;

import java.time.Instant;

/**
 * One entry of a log, as handed to readers and view handlers.
 *
 * @param log the log it belongs to
 * @param seq its position in the log, from 0
 * @param type the type name it was appended with ({@link KappaMessage} or the class's simple name), or
 * {@link #RAW_BLOCK_TYPE} for a block that is not a kappa entry
 * @param timestamp when its writer appended it (writer's clock); {@code null} for a raw block, which has none
 * @param value the payload: decoded to the requested type, a {@code JsonNode}, or the raw JSON bytes; for a raw
 * block, the whole block as {@code byte[]} or as a binary {@code JsonNode}
 * @param <T> the payload type
 */
public record LogEntry<T>(LogKey log, long seq, String type, Instant timestamp, T value) {

	/**
	 * The type name of a block that is not a kappa entry envelope (for example a block a Node hypercore writer
	 * appended to a followed core). Only {@code byte[]} and {@code JsonNode} handlers receive such blocks.
	 */
	public static final String RAW_BLOCK_TYPE = "hypercore-block";
}
