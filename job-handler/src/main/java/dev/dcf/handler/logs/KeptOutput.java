package dev.dcf.handler.logs;

import java.time.Instant;
import java.util.List;

/**
 * A container's output as kept: the REST answer and what the job page shows.
 *
 * @param jobId the job
 * @param runNumber the run
 * @param index the container's index
 * @param exitCode its exit code, {@code null} if unknown
 * @param capturedAt when its agent read the lines
 * @param lines the lines, oldest first
 */
public record KeptOutput(String jobId, int runNumber, int index, Integer exitCode, Instant capturedAt,
		List<String> lines) {

	public KeptOutput {
		lines = List.copyOf(lines);
	}

	/**
	 * @param tail how many lines to keep, at least 1
	 * @return the same output with only its last {@code tail} lines
	 */
	public KeptOutput last(int tail) {
		if (tail >= this.lines.size()) {
			return this;
		}
		return new KeptOutput(this.jobId, this.runNumber, this.index, this.exitCode, this.capturedAt,
				this.lines.subList(this.lines.size() - tail, this.lines.size()));
	}

	/**
	 * @return the lines as text, each ended by a newline
	 */
	public String text() {
		StringBuilder text = new StringBuilder();
		this.lines.forEach((line) -> text.append(line).append('\n'));
		return text.toString();
	}

	static List<String> lines(String output) {
		if (output.isEmpty()) {
			return List.of();
		}
		String trimmed = output.endsWith("\n") ? output.substring(0, output.length() - 1) : output;
		return List.of(trimmed.split("\n", -1));
	}

}
