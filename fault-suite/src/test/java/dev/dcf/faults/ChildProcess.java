package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process of the suite: started, killed with SIGKILL, frozen with
 * SIGSTOP and thawed with SIGCONT, restarted with the same command. Its output is
 * appended to one log file across restarts, so a CI failure can be read in one place.
 */
class ChildProcess {

	final String name;

	private final Path log;

	private final Path workDir;

	private final Map<String, String> env = new LinkedHashMap<>();

	private Process process;

	private boolean frozen;

	ChildProcess(String name, Path log, Path workDir) {
		this.name = name;
		this.log = log;
		this.workDir = workDir;
	}

	/** The command of the next start; subclasses may change arguments between starts. */
	List<String> command() {
		throw new UnsupportedOperationException(this.name + " has no command");
	}

	ChildProcess env(String key, String value) {
		this.env.put(key, value);
		return this;
	}

	synchronized void start() {
		if (isAlive()) {
			return;
		}
		List<String> command = new ArrayList<>(command());
		try {
			Files.createDirectories(this.workDir);
			Files.createDirectories(this.log.getParent());
			Files.writeString(this.log, "\n=== " + Instant.now() + " start " + String.join(" ", command) + "\n",
					StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
			builder.environment().putAll(this.env);
			this.process = builder.start();
			this.frozen = false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
	}

	synchronized boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	synchronized long pid() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " was never started");
		}
		return this.process.pid();
	}

	/**
	 * Waits for the process to end by itself.
	 * @return its exit code, or -1 if it still runs after {@code seconds}
	 */
	int awaitExit(int seconds) {
		Process started;
		synchronized (this) {
			if (this.process == null) {
				throw new IllegalStateException(this.name + " was never started");
			}
			started = this.process;
		}
		try {
			return started.waitFor(seconds, TimeUnit.SECONDS) ? started.exitValue() : -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** SIGKILL: no shutdown hook runs, exactly like a crash. */
	synchronized void kill() {
		if (this.process == null) {
			return;
		}
		thaw();
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		waitForExit(10);
	}

	/** SIGTERM, then SIGKILL after a grace period. */
	synchronized void stop(int graceSeconds) {
		if (this.process == null) {
			return;
		}
		thaw();
		this.process.destroy();
		if (!waitForExit(graceSeconds)) {
			kill();
		}
	}

	/** SIGSTOP: the process stays, but runs no instruction until {@link #thaw()}. */
	synchronized void freeze() {
		signal("STOP");
		this.frozen = true;
	}

	/** SIGCONT; harmless when not frozen (also called before every kill). */
	synchronized void thaw() {
		if (this.frozen && isAlive()) {
			signal("CONT");
		}
		this.frozen = false;
	}

	private void signal(String signal) {
		Shell.run(List.of("kill", "-" + signal, Long.toString(pid())), 10);
	}

	private boolean waitForExit(int seconds) {
		try {
			return this.process.waitFor(seconds, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
