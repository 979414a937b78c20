package dev.kappa.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** One flat JSON object on one line: strings, numbers, booleans. */
final class JsonLine {

	private final Map<String, Object> fields = new LinkedHashMap<>();

	JsonLine put(String name, Object value) {
		if (value != null) {
			this.fields.put(name, value);
		}
		return this;
	}

	JsonLine putAll(Map<String, ?> values) {
		values.forEach(this::put);
		return this;
	}

	@Override
	public String toString() {
		StringBuilder out = new StringBuilder("{");
		for (Map.Entry<String, Object> field : this.fields.entrySet()) {
			if (out.length() > 1) {
				out.append(',');
			}
			string(out, field.getKey());
			out.append(':');
			Object value = field.getValue();
			if (value instanceof Double d) {
				out.append(Double.isFinite(d) ? Double.toString(Math.round(d * 10) / 10.0) : "null");
			}
			else if (value instanceof Number || value instanceof Boolean) {
				out.append(value);
			}
			else {
				string(out, value.toString());
			}
		}
		return out.append('}').toString();
	}

	private static void string(StringBuilder out, String s) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
