package dev.kappa.internal.engine;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.kappa.core.KappaException;
import dev.kappa.core.KappaMessage;
import dev.kappa.core.LogEntry;
import dev.kappa.core.LogKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BinaryNode;

/**
 * Turns application values into entry envelopes (type name, timestamp, JSON payload) and back.
 * <p>
 * Internal: used by the engine and the view engine, not part of the API.
 */
public final class EntryCodec {

	private final JsonMapper json;

	/** The same mapper for reading entries, with {@link DirectCreators}. */
	private final JsonMapper reading;

	private final Clock clock;

	private final Map<Class<?>, byte[]> typeNames = new ConcurrentHashMap<>();

	/** One writer per value class: resolves its serializer once instead of on every append. */
	private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

	/** One reader per payload type: resolves the type and its deserializer once instead of on every entry. */
	private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

	public EntryCodec(JsonMapper json, Clock clock) {
		this.json = json;
		this.reading = DirectCreators.reading(json);
		this.clock = clock;
	}

	public JsonMapper json() {
		return this.json;
	}

	/**
	 * The reader of entry payloads of {@code type}, cached: the application's mapper with {@link DirectCreators}.
	 * Every path that decodes entries takes its reader here.
	 */
	public ObjectReader reader(Class<?> type) {
		return this.readers.computeIfAbsent(type, this.reading::readerFor);
	}

	/** The type name entries of {@code type} are stored with: its {@link KappaMessage} value or simple name. */
	public static String typeName(Class<?> type) {
		KappaMessage message = type.getAnnotation(KappaMessage.class);
		return message != null ? message.value() : type.getSimpleName();
	}

	/** The UTF-8 type name of {@code type}, cached. */
	public byte[] typeBytes(Class<?> type) {
		return this.typeNames.computeIfAbsent(type, t -> Envelope.typeBytes(typeName(t)));
	}

	/** Encodes one value as an envelope. */
	public byte[] encode(Object value) {
		if (value == null) {
			throw new IllegalArgumentException("Cannot append null");
		}
		byte[] payload;
		try {
			payload = this.writers.computeIfAbsent(value.getClass(), this.json::writerFor).writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new KappaException("Cannot write a " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
		return Envelope.encode(typeBytes(value.getClass()), this.clock.instant(), payload);
	}

	/**
	 * The entry whose envelope is at {@code buf[offset]}, with a payload the caller already decoded.
	 * @param knownTypeName the entry's type name if the caller knows it, else {@code null}
	 */
	public <T> LogEntry<T> entry(LogKey log, long seq, byte[] buf, int offset, T value, String knownTypeName) {
		String typeName = knownTypeName != null ? knownTypeName : Envelope.type(buf, offset);
		return new LogEntry<>(log, seq, typeName, Envelope.timestamp(buf, offset), value);
	}

	/** Decodes the envelope at {@code buf[offset, offset+length)} with its payload as {@code type}. */
	public <T> LogEntry<T> decode(LogKey log, long seq, byte[] buf, int offset, int length, Class<T> type) {
		return decode(log, seq, buf, offset, length, type, null);
	}

	/**
	 * As {@link #decode(LogKey, long, byte[], int, int, Class)}, with the entry's type name when the caller
	 * already knows it (it matched the type bytes), saving a string per entry.
	 */
	@SuppressWarnings("unchecked")
	public <T> LogEntry<T> decode(LogKey log, long seq, byte[] buf, int offset, int length, Class<T> type,
			String knownTypeName) {
		String problem = Envelope.problem(buf, offset, length);
		if (problem != null) {
			return (LogEntry<T>) rawBlock(log, seq, buf, offset, length, type, problem);
		}
		int payload = offset + Envelope.payloadOffset(buf, offset);
		int payloadLength = offset + length - payload;
		Object value;
		if (type == byte[].class) {
			value = Arrays.copyOfRange(buf, payload, payload + payloadLength);
		}
		else {
			try {
				value = reader(type).readValue(buf, payload, payloadLength);
			}
			catch (JacksonException ex) {
				throw new KappaException("Entry " + seq + " of log " + log + " (type '" + Envelope.type(buf, offset)
						+ "') cannot be read as " + type.getName() + ": " + ex.getOriginalMessage(), ex);
			}
		}
		String typeName = knownTypeName != null ? knownTypeName : Envelope.type(buf, offset);
		return new LogEntry<>(log, seq, typeName, Envelope.timestamp(buf, offset), (T) value);
	}

	/**
	 * A block that is not a kappa envelope, as {@link LogEntry#RAW_BLOCK_TYPE}: the whole block as {@code byte[]}
	 * or a binary {@link JsonNode}, without a timestamp; any other payload type cannot take it.
	 */
	private static LogEntry<?> rawBlock(LogKey log, long seq, byte[] buf, int offset, int length, Class<?> type,
			String problem) {
		byte[] block = Arrays.copyOfRange(buf, offset, offset + length);
		Object value;
		if (type == byte[].class) {
			value = block;
		}
		else if (type.isAssignableFrom(BinaryNode.class)) {
			value = BinaryNode.valueOf(block);
		}
		else {
			throw new KappaException("Entry " + seq + " of log " + log + " is not a kappa entry (" + problem
					+ "): only byte[] and JsonNode take it, not " + type.getName());
		}
		return new LogEntry<>(log, seq, LogEntry.RAW_BLOCK_TYPE, null, value);
	}
}
