package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Short commands (docker, kill, pg_ctl): their output, or an exception saying why not.
 */
final class Shell {

	private Shell() {
	}

	static String run(List<String> command, int timeoutSeconds) {
		Result result = tryRun(command, timeoutSeconds);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " exited with " + result.exitCode() + ": " + result.output());
		}
		return result.output();
	}

	static Result tryRun(List<String> command, int timeoutSeconds) {
		Path output = null;
		try {
			// output to a file, not a pipe: a hung command (a frozen daemon) must not
			// block the reader past the timeout
			output = Files.createTempFile("dcf-faults-shell", ".out");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "timed out after " + timeoutSeconds + " s");
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running " + String.join(" ", command), ex);
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

	record Result(int exitCode, String output) {
	}

}
