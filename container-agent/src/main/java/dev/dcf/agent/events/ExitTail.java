package dev.dcf.agent.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the end of an exited container's output for its exit report (docs/operations.md,
 * "Container logs"): the last {@link #LINES} lines, at most {@link #MAX_CHARS}
 * characters, the end kept. Read before the report is sent, so before anyone can have the
 * container removed. A log that cannot be read in time does not hold the report up: it
 * goes without output.
 */
final class ExitTail {

	private static final Logger log = LoggerFactory.getLogger(ExitTail.class);

	/** Lines kept of an exited container. */
	static final int LINES = 100;

	/** Last stderr lines made sure of (see {@link ContainerRuntime#stderrTail}). */
	static final int STDERR_LINES = 10;

	/**
	 * Lines of the log end searched for them: a process that writes a burst and exits can
	 * have its last stderr line copied before the whole burst of stdout (measured: up to
	 * 300 lines before the end).
	 */
	static final int STDERR_WINDOW = 1000;

	/** Characters kept at most (16 KiB of text, the end kept). */
	static final int MAX_CHARS = 16 * 1024;

	private final ContainerRuntime runtime;

	private final Duration timeout;

	ExitTail(ContainerRuntime runtime, Duration timeout) {
		this.runtime = runtime;
		this.timeout = timeout;
	}

	/**
	 * @return the output's end, lines joined by {@code \n}; null if it cannot be read
	 */
	String read(String containerId) {
		try {
			List<String> tail = this.runtime.logsTail(containerId, LINES, this.timeout);
			List<String> errors = this.runtime.stderrTail(containerId, STDERR_WINDOW, this.timeout);
			return capped(
					withLastErrors(tail, errors.subList(Math.max(0, errors.size() - STDERR_LINES), errors.size())));
		}
		catch (ContainerRuntimeException ex) {
			log.warn("Output of exited container {} not read, reported without it: {}", containerId, ex.getMessage());
			return null;
		}
	}

	/**
	 * The tail with the last stderr lines it lacks appended: an error a generator wrote
	 * last is where it says why it failed, even if Docker placed it among earlier stdout
	 * lines outside the tail.
	 */
	static List<String> withLastErrors(List<String> tail, List<String> lastErrors) {
		List<String> missing = lastErrors.stream().filter((line) -> !tail.contains(line)).toList();
		if (missing.isEmpty()) {
			return tail;
		}
		List<String> all = new ArrayList<>(tail);
		all.addAll(missing);
		return all;
	}

	/** Joins the lines and keeps at most the last {@link #MAX_CHARS} characters. */
	static String capped(List<String> lines) {
		String text = String.join("\n", lines);
		return (text.length() > MAX_CHARS) ? text.substring(text.length() - MAX_CHARS) : text;
	}

}
