package dev.kappa.internal.indexer;

import java.util.Arrays;

import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.internal.log.EntryBatch;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;

/**
 * Decodes the payloads of a whole {@link EntryBatch} for a view whose handlers all take one payload type, with
 * a single JSON parser over the payloads laid end to end: a parser per entry costs more than parsing a small
 * payload does.
 * <p>
 * Each value must be a JSON object or array that ends exactly where its payload ends; otherwise (two values in
 * one payload, a scalar, malformed JSON) nothing decoded here is used and entries are decoded one by one, so
 * a bad entry is reported as itself and can never shift values onto other entries.
 */
final class PayloadDecoder {

	private final Class<?> type;

	private final byte[] typeName;

	private final ObjectReader reader;

	private byte[] scratch = new byte[64 * 1024];

	private int[] ends = new int[1024];

	private Object[] values = new Object[1024];

	private boolean[] decoded = new boolean[1024];

	private PayloadDecoder(Class<?> type, byte[] typeName, ObjectReader reader) {
		this.type = type;
		this.typeName = typeName;
		this.reader = reader;
	}

	/** A decoder for the view, or {@code null} if its handlers take different payload types or raw bytes. */
	static PayloadDecoder forView(ViewDeclaration view, EntryCodec codec) {
		Class<?> type = null;
		byte[] typeName = null;
		for (EntryHandler handler : view.handlers()) {
			if (handler.payloadType() == byte[].class || (type != null && type != handler.payloadType())) {
				return null;
			}
			if (type != null && !Arrays.equals(typeName, handler.typeNameBytes())) {
				return null;
			}
			type = handler.payloadType();
			typeName = handler.typeNameBytes();
		}
		return type == null ? null : new PayloadDecoder(type, typeName, codec.reader(type));
	}

	/** A decoder of the same type with its own buffers (the reader is shared: it is immutable). */
	PayloadDecoder copy() {
		return new PayloadDecoder(this.type, this.typeName, this.reader);
	}

	Class<?> type() {
		return this.type;
	}

	/**
	 * Decodes the payloads of the entries of {@code batch} that the handlers take. Afterwards
	 * {@link #value(int)} holds entry {@code i}'s value if {@link #has(int)}; entries without one are decoded
	 * one by one by the caller.
	 */
	void decode(EntryBatch batch) {
		int count = batch.count();
		ensure(count, 0);
		Arrays.fill(this.decoded, 0, count, false);
		int length = 0;
		int included = 0;
		byte[] buf = batch.buffer();
		for (int i = 0; i < count; i++) {
			this.ends[i] = -1;
			int offset = batch.offset(i);
			int size = batch.length(i);
			if (Envelope.problem(buf, offset, size) != null
					|| (this.typeName != null && !Envelope.hasType(buf, offset, this.typeName))) {
				continue;
			}
			int from = offset + Envelope.payloadOffset(buf, offset);
			int to = offset + size;
			while (to > from && isSpace(buf[to - 1])) {
				to--;
			}
			ensure(count, length + (to - from) + 1);
			System.arraycopy(buf, from, this.scratch, length, to - from);
			length += to - from;
			this.ends[i] = length;
			this.scratch[length++] = ' ';
			included++;
		}
		if (included == 0 || !stream(count, length)) {
			Arrays.fill(this.decoded, 0, count, false);
			Arrays.fill(this.values, 0, count, null);
		}
	}

	/** Parses the laid-out payloads in order; false at the first value that does not end at its payload's end. */
	private boolean stream(int count, int length) {
		try (MappingIterator<Object> it = this.reader.readValues(this.scratch, 0, length)) {
			JsonParser parser = it.parser();
			for (int i = 0; i < count; i++) {
				if (this.ends[i] < 0) {
					continue;
				}
				if (!it.hasNextValue()) {
					return false;
				}
				Object value = it.nextValue();
				// The value's last token must be the closing bracket that is its payload's last byte.
				int last = this.ends[i] - 1;
				byte closing = this.scratch[last];
				if ((closing != '}' && closing != ']') || parser.currentTokenLocation().getByteOffset() != last) {
					return false;
				}
				this.values[i] = value;
				this.decoded[i] = true;
			}
			return !it.hasNextValue();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	boolean has(int i) {
		return this.decoded[i];
	}

	Object value(int i) {
		return this.values[i];
	}

	private void ensure(int count, int bytes) {
		if (this.ends.length < count) {
			int size = Math.max(count, this.ends.length * 2);
			this.ends = new int[size];
			this.values = new Object[size];
			this.decoded = new boolean[size];
		}
		if (this.scratch.length < bytes) {
			this.scratch = Arrays.copyOf(this.scratch, Math.max(bytes, this.scratch.length * 2));
		}
	}

	private static boolean isSpace(byte b) {
		return b == ' ' || b == '\n' || b == '\r' || b == '\t';
	}
}
