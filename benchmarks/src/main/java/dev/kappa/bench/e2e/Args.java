package dev.kappa.bench.e2e;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code <phase> --name value ...}, as the Node anchors take their arguments. */
record Args(String phase, Map<String, String> options) {

	static Args parse(String[] argv) {
		if (argv.length == 0 || argv[0].startsWith("--")) {
			throw new IllegalArgumentException("usage: <phase> [--name value ...]; phases: " + Phases.NAMES);
		}
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < argv.length; i++) {
			if (!argv[i].startsWith("--") || i + 1 == argv.length) {
				throw new IllegalArgumentException("Expected --name value pairs after the phase, got " + List.of(argv));
			}
			options.put(argv[i].substring(2), argv[++i]);
		}
		return new Args(argv[0], Map.copyOf(options));
	}

	String string(String name) {
		String value = this.options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Phase " + this.phase + " needs --" + name);
		}
		return value;
	}

	String string(String name, String otherwise) {
		return this.options.getOrDefault(name, otherwise);
	}

	long number(String name) {
		return Long.parseLong(string(name).replace("_", ""));
	}

	long number(String name, long otherwise) {
		return this.options.containsKey(name) ? number(name) : otherwise;
	}

	Path dir() {
		return Path.of(string("dir"));
	}
}
