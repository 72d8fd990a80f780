package dev.dcf.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Docker images tests run, built locally by {@code scripts/build-test-images.sh} (no
 * registry is reachable in CI). {@link #ensureBuilt()} runs the script at most once per
 * JVM; the script itself skips images that are up to date, so a warm run costs about a
 * second.
 */
public final class TestImages {

	/**
	 * Busybox image: prints {@code sleeper started}, sleeps {@code $SLEEP} seconds
	 * (default forever), exits with {@code $EXIT_CODE} (default 0); exits 143 at once on
	 * SIGTERM.
	 */
	public static final String SLEEPER = "dcf-test/sleeper:latest";

	/**
	 * The sample data generator ({@code data-generator/}) on a jlink-ed JRE.
	 */
	public static final String GENERATOR = "dcf/sample-generator:latest";

	/**
	 * The built-in generator ({@code generator/}, the {@code dcf/generator} image) on a
	 * jlink-ed JRE.
	 */
	public static final String BUILTIN_GENERATOR = "dcf/generator:latest";

	static final String SCRIPT = "scripts/build-test-images.sh";

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final int TAIL_LINES = 40;

	private static final Object lock = new Object();

	private static boolean built;

	private static IllegalStateException failure;

	private TestImages() {
	}

	/**
	 * Builds {@link #SLEEPER}, {@link #GENERATOR} and {@link #BUILTIN_GENERATOR} unless
	 * this JVM already did. Blocks for at most ten minutes. The script's output goes to
	 * {@code target/build-test-images.log} of the working directory (the module under
	 * test). A failure is remembered: later calls in the same JVM fail at once with the
	 * same message.
	 * @throws IllegalStateException if the script fails or times out
	 */
	public static void ensureBuilt() {
		synchronized (lock) {
			if (built) {
				return;
			}
			if (failure != null) {
				throw failure;
			}
			try {
				runScript();
				built = true;
			}
			catch (IllegalStateException ex) {
				failure = ex;
				throw ex;
			}
		}
	}

	private static void runScript() {
		Path workingDirectory = Path.of("").toAbsolutePath();
		Path root = repositoryRoot(workingDirectory);
		Path log = workingDirectory.resolve("target").resolve("build-test-images.log");
		Process process;
		try {
			Files.createDirectories(log.getParent());
			process = new ProcessBuilder("bash", root.resolve(SCRIPT).toString()).directory(root.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + SCRIPT + ": " + ex.getMessage(), ex);
		}
		try {
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException(
						SCRIPT + " did not finish within " + TIMEOUT.toMinutes() + " min; last output:\n" + tail(log));
			}
		}
		catch (InterruptedException ex) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + SCRIPT, ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(SCRIPT + " failed with exit code " + process.exitValue() + " (full log: "
					+ log + "); last output:\n" + tail(log));
		}
	}

	/**
	 * The nearest directory at or above {@code start} that holds {@code mvnw} and
	 * {@code scripts/}: the repository root, from any module's working directory.
	 */
	static Path repositoryRoot(Path start) {
		for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("scripts"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No repository root (a directory with mvnw and scripts/) at or above " + start);
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + log + ": " + ex.getMessage() + ")";
		}
	}

}
