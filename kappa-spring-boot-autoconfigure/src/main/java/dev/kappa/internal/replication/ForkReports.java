package dev.kappa.internal.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import dev.kappa.internal.log.AtomicFiles;
import dev.kappa.internal.log.ForkException;
import dev.kappa.internal.log.TreeNode;

/**
 * Keeps the evidence of a fork, a writer that signed two histories, as a JSON file under
 * {@code <storage-dir>/forks/} for a person to look at: both signed states, the roots they cover and the
 * peer that offered the second one. Written to a temporary file and renamed, so a file is never partial.
 */
final class ForkReports {

	private static final HexFormat HEX = HexFormat.of();

	private final Path dir;

	ForkReports(Path storageDir) {
		this.dir = storageDir.resolve("forks");
	}

	/** Writes the evidence; returns the file. */
	Path record(ForkException.Evidence evidence, String peer) throws IOException {
		Files.createDirectories(this.dir);
		Instant now = Instant.now();
		String name = evidence.log() + "-" + now.toEpochMilli();
		Path file = this.dir.resolve(name + ".json");
		for (int i = 1; Files.exists(file); i++) {
			file = this.dir.resolve(name + "-" + i + ".json");
		}
		AtomicFiles.write(file, json(evidence, peer, now).getBytes(StandardCharsets.UTF_8));
		return file;
	}

	/** The reports kept, oldest first (a person resolves one by moving it away). */
	List<Path> reports() {
		if (!Files.isDirectory(this.dir)) {
			return List.of();
		}
		try (java.util.stream.Stream<Path> files = Files.list(this.dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("Cannot list the fork reports in " + this.dir + ": " + ex.getMessage(), ex);
		}
	}

	static String json(ForkException.Evidence e, String peer, Instant at) {
		StringBuilder s = new StringBuilder(1024);
		s.append("{\n");
		s.append("  \"log\": \"").append(e.log()).append("\",\n");
		s.append("  \"detected\": \"").append(at).append("\",\n");
		s.append("  \"peer\": \"").append(escape(peer)).append("\",\n");
		s.append("  \"ours\": {\"length\": ").append(e.ourLength()).append(", \"signature\": ")
			.append(hex(e.ourSignature())).append(", \"roots\": ").append(roots(e.ourRoots())).append("},\n");
		s.append("  \"theirs\": {\"length\": ").append(e.theirLength()).append(", \"treeHash\": ")
			.append(hex(e.theirTreeHash())).append(", \"signature\": ").append(hex(e.theirSignature()))
			.append(", \"rootsAtOurLength\": ").append(roots(e.theirRoots())).append("}\n");
		s.append("}\n");
		return s.toString();
	}

	private static String roots(List<TreeNode> roots) {
		StringBuilder s = new StringBuilder("[");
		for (int i = 0; i < roots.size(); i++) {
			TreeNode r = roots.get(i);
			s.append(i == 0 ? "" : ", ").append("{\"index\": ").append(r.index()).append(", \"size\": ").append(r.size())
				.append(", \"hash\": ").append(hex(r.hash())).append('}');
		}
		return s.append(']').toString();
	}

	private static String hex(byte[] b) {
		return b == null ? "null" : "\"" + HEX.formatHex(b) + "\"";
	}

	private static String escape(String v) {
		StringBuilder s = new StringBuilder();
		for (char c : v.toCharArray()) {
			if (c == '"' || c == '\\') {
				s.append('\\').append(c);
			}
			else if (c < 0x20) {
				s.append(String.format("\\u%04x", (int) c));
			}
			else {
				s.append(c);
			}
		}
		return s.toString();
	}
}
