package dev.kappa.internal.hypercore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real Node hypercore 11 peers for the live tests: the scripts and the committed package-lock.json under
 * {@code src/test/node} are copied to {@code target/hypercore-node}, {@code npm ci} installs the pinned packages
 * once per build, and each test runs a script as a child process, reading the JSON lines it prints. Tests are
 * skipped, with a message saying so, only where {@code node} is not installed.
 */
final class NodeHarness {

	private static final Path SOURCE = Path.of("src", "test", "node");

	private static final Path TARGET = Path.of("target", "hypercore-node");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path installed;

	private NodeHarness() {
	}

	/** The installed script directory; skips the calling test if Node is absent. */
	static synchronized Path install() {
		if (installed != null) {
			return installed;
		}
		Assumptions.assumeTrue(nodeAvailable(),
				"SKIPPED: 'node' is not installed; the live tests against Node hypercore 11 need Node 20 and npm");
		try {
			Files.createDirectories(TARGET);
			try (Stream<Path> files = Files.list(SOURCE)) {
				for (Path file : files.toList()) {
					Files.copy(file, TARGET.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
				}
			}
			Path stamp = TARGET.resolve("node_modules").resolve(".kappa-lock");
			byte[] lock = Files.readAllBytes(SOURCE.resolve("package-lock.json"));
			if (!Files.exists(stamp) || !java.util.Arrays.equals(Files.readAllBytes(stamp), lock)) {
				run(TARGET, Duration.ofMinutes(3), "npm", "ci", "--no-audit", "--no-fund");
				Files.write(stamp, lock);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the Node test peers in " + TARGET, ex);
		}
		installed = TARGET.toAbsolutePath();
		return installed;
	}

	private static boolean nodeAvailable() {
		try {
			Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void run(Path dir, Duration timeout, String... command) throws IOException {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
				p.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + String.join(" ", command), ex);
		}
	}

	/** Starts {@code node script args...} in the installed directory. */
	static NodeProcess start(String script, String... args) {
		Path dir = install();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		try {
			return new NodeProcess(new ProcessBuilder(command).directory(dir.toFile()).start(), command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	/** A running Node script: its stdout JSON lines in order, its stderr kept for failure messages. */
	static final class NodeProcess implements AutoCloseable {

		private final Process process;

		private final List<String> command;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final StringBuffer errors = new StringBuffer();

		NodeProcess(Process process, List<String> command) {
			this.process = process;
			this.command = command;
			pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
			pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
		}

		private void pump(BufferedReader reader, boolean out) {
			Thread t = new Thread(() -> {
				try (reader) {
					for (String line; (line = reader.readLine()) != null;) {
						if (out && line.startsWith("{")) {
							this.lines.add(line);
						}
						else {
							this.errors.append(line).append('\n');
						}
					}
				}
				catch (IOException ex) {
					this.errors.append(ex).append('\n');
				}
			}, "node-" + (out ? "stdout" : "stderr"));
			t.setDaemon(true);
			t.start();
		}

		/** The next JSON line, waiting at most {@code timeout}; fails with the script's stderr. */
		JsonNode next(Duration timeout) {
			try {
				String line = this.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
				if (line == null) {
					throw new AssertionError(this.command + " printed nothing within " + timeout + " (alive: "
							+ this.process.isAlive() + "); stderr:\n" + this.errors);
				}
				return JSON.readTree(line);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}

		/** Writes one command line to the script's stdin. */
		void command(String line) {
			try {
				this.process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
				this.process.getOutputStream().flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write to " + this.command, ex);
			}
		}

		/** Waits for the script to exit; returns its exit code. */
		int exit(Duration timeout) {
			try {
				if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					throw new AssertionError(this.command + " did not exit within " + timeout + "; stderr:\n" + this.errors);
				}
				return this.process.exitValue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted", ex);
			}
		}

		String stderr() {
			return this.errors.toString();
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}
	}
}
