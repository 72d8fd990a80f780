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

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The docker CLI for tests: every call bounded by a timeout, containers named uniquely
 * and removed by {@link #removeAll()}. As a JUnit extension on a static field
 * ({@code @RegisterExtension static final DockerCli docker = DockerCli.withTestImages();})
 * it builds the {@link TestImages} before the class's tests and removes the containers
 * after each test; that is how the image tests use it.
 */
public final class DockerCli implements BeforeAllCallback, AfterEachCallback {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final List<String> containers = new ArrayList<>();

	private final boolean testImages;

	/** A docker CLI that the test cleans up after with {@link #removeAll()}. */
	public DockerCli() {
		this(false);
	}

	private DockerCli(boolean testImages) {
		this.testImages = testImages;
	}

	/**
	 * An extension for a static {@code @RegisterExtension} field: {@link TestImages}
	 * built before all tests of the class, {@link #removeAll()} after each.
	 */
	public static DockerCli withTestImages() {
		return new DockerCli(true);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (this.testImages) {
			TestImages.ensureBuilt();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		removeAll();
	}

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

	/** Whether the container is running now. */
	public boolean isRunning(String container) {
		return "true".equals(checked("inspect", "--format", "{{.State.Running}}", container));
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
