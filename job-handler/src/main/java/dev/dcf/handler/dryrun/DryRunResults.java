package dev.dcf.handler.dryrun;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures of a dry run's answer. Pure.
 */
final class DryRunResults {

	private DryRunResults() {
	}

	/**
	 * Records per second the container ran, rounded to a tenth.
	 * @param written records written, {@code null} if unknown
	 * @param startedAt when the container started
	 * @param finishedAt when it stopped
	 * @return {@code null} if any of them is unknown or it ran no measurable time
	 */
	static Double rate(Long written, Instant startedAt, Instant finishedAt) {
		if (written == null || startedAt == null || finishedAt == null) {
			return null;
		}
		long millis = Duration.between(startedAt, finishedAt).toMillis();
		if (millis <= 0) {
			return null;
		}
		return Math.round(written * 10_000.0 / millis) / 10.0;
	}

	/**
	 * The output as lines.
	 * @param output the agent's text, {@code null} if none
	 * @return its lines, none for none
	 */
	static List<String> lines(String output) {
		return (output == null || output.isEmpty()) ? List.of() : output.lines().toList();
	}

}
