package dev.dcf.standalone;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external command with a time bound. A port so that {@link GeneratorImage} can
 * be tested without Docker.
 */
interface Commands {

	/**
	 * Runs {@code command} in {@code directory} (null = the current one), passing every
	 * output line (stdout and stderr merged) to {@code output}.
	 * @return the exit code, or -1 if the command timed out (it is then killed)
	 * @throws IOException if the command cannot be started (e.g. not installed)
	 */
	int run(List<String> command, Path directory, Duration timeout, Consumer<String> output) throws IOException;

	/** Real processes. */
	Commands SYSTEM = (command, directory, timeout, output) -> {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Process process = builder.start();
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach(output);
			}
			catch (IOException ex) {
				// the process went away; its exit code tells what happened
			}
		}, "dcf-command-output");
		pump.setDaemon(true);
		pump.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				return -1;
			}
			pump.join(TimeUnit.SECONDS.toMillis(5));
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return -1;
		}
	};

}
