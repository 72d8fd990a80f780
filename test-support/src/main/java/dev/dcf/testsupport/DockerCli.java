package dev.dcf.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI for tests: every call bounded by a timeout, containers named uniquely
 * and removed by {@link #removeAll()}.
 */
public final class DockerCli {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final List<String> containers = new ArrayList<>();

	/**
	 * A new unique container name, remembered for {@link #removeAll()}.
	 */
	public String newContainerName(String purpose) {
		String name = "dcf-it-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
		this.containers.add(name);
		return name;
	}

	public Result docker(String... args) {
		return docker(DEFAULT_TIMEOUT, args);
	}

	public Result docker(Duration timeout, String... args) {
		List<String> command = new ArrayList<>();
		command.add("docker");
		command.addAll(List.of(args));
		try {
			Path output = Files.createTempFile("docker-cli", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).trim());
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + command, ex);
		}
	}

	/**
	 * Runs a docker command that must succeed.
	 * @return its output
	 */
	public String checked(String... args) {
		Result result = docker(args);
		if (result.exitCode() != 0) {
			throw new AssertionError(
					"docker " + String.join(" ", args) + " failed with " + result.exitCode() + ": " + result.output());
		}
		return result.output();
	}

	/**
	 * Waits for a container to exit.
	 * @return its exit code
	 */
	public int waitForExit(String container, Duration timeout) {
		return Integer.parseInt(checkedWithin(timeout, "wait", container).trim());
	}

	public String logs(String container) {
		return docker("logs", container).output();
	}

	public int exitCode(String container) {
		return Integer.parseInt(checked("inspect", "--format", "{{.State.ExitCode}}", container).trim());
	}

	public void removeAll() {
		for (String container : this.containers) {
			docker("rm", "-f", "-v", container);
		}
		this.containers.clear();
	}

	private String checkedWithin(Duration timeout, String... args) {
		Result result = docker(timeout, args);
		if (result.exitCode() != 0) {
			throw new AssertionError(
					"docker " + String.join(" ", args) + " failed with " + result.exitCode() + ": " + result.output());
		}
		return result.output();
	}

	public record Result(int exitCode, String output) {

	}

}
