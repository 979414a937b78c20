package dev.kappa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allowed dependencies between the packages of {@code dev.kappa}, as a table, and the check of one source
 * file against it. A package is named by its first segment under {@code dev.kappa} or {@code dev.kappa.internal}
 * ({@code dev.kappa.view.builtin} is {@code view}, {@code dev.kappa.internal.log} is {@code log}); the auto-configuration ({@code dev.kappa.spring...}) is {@code spring}. A package missing from
 * the table is itself a violation: a new package states its place here.
 */
final class PackageDependencies {

	/** Package to the packages it may use. {@code spring} is the glue and may use every engine package. */
	static final Map<String, Set<String>> ALLOWED = Map.of(
			"core", Set.of(),
			"crypto", Set.of(),
			"log", Set.of("core", "crypto"),
			"engine", Set.of("core", "log"),
			"view", Set.of("core"),
			"schema", Set.of("core", "view"),
			"indexer", Set.of("core", "engine", "log", "schema", "view"),
			"replication", Set.of("core", "crypto", "engine", "log"),
			"hypercore", Set.of("core", "crypto", "log"),
			"spring", Set.of("core", "crypto", "engine", "log", "replication", "hypercore", "schema", "view", "indexer"));

	/** The packages that are not API: each lives under {@code dev.kappa.internal}, so its name says so. */
	static final Set<String> INTERNAL = Set.of("crypto", "log", "engine", "schema", "indexer", "replication", "hypercore");

	private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.kappa\\.((?:internal\\.)?[a-z][a-z0-9]*)\\b");

	private static final Pattern PACKAGE = Pattern.compile("^package dev\\.kappa\\.((?:internal\\.)?[a-z][a-z0-9]*)",
			Pattern.MULTILINE);

	private PackageDependencies() {
	}

	/**
	 * A cycle in {@code table}, as the packages along it with the first repeated at the end
	 * ({@code [schema, view, schema]}), or an empty list if the table has none.
	 */
	static List<String> cycle(Map<String, Set<String>> table) {
		Set<String> done = new HashSet<>();
		for (String start : new TreeSet<>(table.keySet())) {
			List<String> found = cycleFrom(start, table, new ArrayList<>(), done);
			if (!found.isEmpty()) {
				return found;
			}
		}
		return List.of();
	}

	/** Depth first from {@code from}; {@code path} holds the packages on the way there. */
	private static List<String> cycleFrom(String from, Map<String, Set<String>> table, List<String> path,
			Set<String> done) {
		int at = path.indexOf(from);
		if (at >= 0) {
			List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
			cycle.add(from);
			return cycle;
		}
		if (!done.add(from)) {
			return List.of();
		}
		path.add(from);
		for (String to : new TreeSet<>(table.getOrDefault(from, Set.of()))) {
			List<String> found = cycleFrom(to, table, path, done);
			if (!found.isEmpty()) {
				return found;
			}
		}
		path.remove(path.size() - 1);
		return List.of();
	}

	/** The violations of the table in one source file (empty when it keeps to it). */
	static List<String> violations(String fileName, String source) {
		Matcher declared = PACKAGE.matcher(source);
		if (!declared.find()) {
			return List.of(fileName + " declares no package under dev.kappa");
		}
		String from = name(declared.group(1));
		Set<String> allowed = ALLOWED.get(from);
		if (allowed == null) {
			return List.of(fileName + " is in package '" + from + "', which the dependency table does not list");
		}
		if (INTERNAL.contains(from) != declared.group(1).startsWith("internal.")) {
			return List.of(fileName + " is in package dev.kappa." + declared.group(1) + ", but '" + from + "' is "
					+ (INTERNAL.contains(from) ? "internal: dev.kappa.internal." + from : "no internal package"));
		}
		Set<String> used = new TreeSet<>();
		Matcher m = REFERENCE.matcher(source.substring(declared.end()));
		while (m.find()) {
			used.add(name(m.group(1)));
		}
		List<String> violations = new ArrayList<>();
		for (String to : used) {
			if (!to.equals(from) && !allowed.contains(to)) {
				violations.add(fileName + " (" + from + ") uses " + qualified(to) + ", which the table does not allow");
			}
		}
		return violations;
	}

	/** The table's name of a package segment under {@code dev.kappa} ({@code internal.log} is {@code log}). */
	private static String name(String segment) {
		return segment.startsWith("internal.") ? segment.substring("internal.".length()) : segment;
	}

	/** The package a table name stands for. */
	static String qualified(String name) {
		return "dev.kappa." + (INTERNAL.contains(name) ? "internal." : "") + name;
	}
}
