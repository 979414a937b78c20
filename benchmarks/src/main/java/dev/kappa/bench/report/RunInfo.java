package dev.kappa.bench.report;

import java.util.Map;

/**
 * How a run was made, for the report's header.
 *
 * @param command the command line that made it
 * @param date when (UTC)
 * @param note a warning shown in bold above the tables (e.g. a smoke run), or empty
 * @param machine what it ran on, in order: cpus, cpu model, memory, kernel, JDK, Node, data dir file system
 * @param chart the chart's path relative to the markdown file, or empty for none
 */
public record RunInfo(String command, String date, String note, Map<String, String> machine, String chart) {
}
