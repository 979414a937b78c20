package dev.kappa.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built sample jar running in a child JVM, as {@code java -jar} runs it (under umask 000 where a POSIX shell is
 * there, so file permissions cannot come from the umask). Collects all its output; {@link #started()} completes with
 * the HTTP port once Spring Boot says it started, or exceptionally if the process ends first.
 */
final class SampleProcess implements AutoCloseable {

	private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final StringBuffer output = new StringBuffer();

	private final CompletableFuture<Integer> started = new CompletableFuture<>();

	private final Thread reader;

	private volatile int port = -1;

	private SampleProcess(Process process) {
		this.process = process;
		this.reader = new Thread(this::read, "sample-output");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/** The jar failsafe was given ({@code sample.jar}). */
	static Path jar() {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No sample jar at " + jar.toAbsolutePath() + ": run mvn verify (package first)");
		}
		return jar;
	}

	static SampleProcess start(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar().toAbsolutePath().toString(), "--server.port=0", "--server.address=127.0.0.1",
				"--spring.main.banner-mode=off"));
		command.addAll(List.of(args));
		if (Files.isExecutable(Path.of("/bin/sh"))) {
			StringBuilder line = new StringBuilder("umask 000; exec");
			for (String part : command) {
				line.append(" '").append(part.replace("'", "'\\''")).append('\'');
			}
			command = List.of("/bin/sh", "-c", line.toString());
		}
		return new SampleProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	private void read() {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				this.output.append(line).append('\n');
				Matcher m = TOMCAT_PORT.matcher(line);
				if (m.find()) {
					this.port = Integer.parseInt(m.group(1));
				}
				if (line.contains("Started SampleApplication")) {
					this.started.complete(this.port);
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		this.started.completeExceptionally(new IllegalStateException("The sample ended before it started:\n" + this.output));
	}

	/** The HTTP port, once started. */
	CompletableFuture<Integer> started() {
		return this.started;
	}

	long pid() {
		return this.process.pid();
	}

	/** Waits for the process to end by itself; its exit code. */
	int exitCode() throws InterruptedException {
		if (!this.process.waitFor(240, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The sample did not exit:\n" + this.output);
		}
		this.reader.join(10_000);
		return this.process.exitValue();
	}

	/** Everything the process printed so far. */
	String output() {
		return this.output.toString();
	}

	/** Stops the process as a service manager would (SIGTERM: Spring closes the context) and waits for it. */
	@Override
	public void close() throws InterruptedException {
		this.process.toHandle().descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		this.reader.join(10_000);
	}
}
