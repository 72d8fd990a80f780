package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the suite's table: what a scenario injected and what the checker found.
 *
 * @param losses the expected losses (jobs of the agents the scenario silenced)
 * @param measured other figures the scenario measured
 * @param recovery from the removal of the last fault until all expected jobs ran and the
 * agents were HEALTHY; null if that never happened
 * @param failure the scenario's first failure, null if it passed
 */
record ScenarioResult(String scenario, List<String> faults, int jobs, int lostJobs, int lostAgents, int orphans,
		int duplicates, List<Checker.Loss> losses, List<String> measured, Duration recovery, String failure) {

	private static final List<ScenarioResult> results = new ArrayList<>();

	static synchronized void add(ScenarioResult result) {
		results.add(result);
	}

	/** Detection times of the expected losses (last heartbeat to LOST), or "-". */
	String detections() {
		return this.losses.isEmpty() ? "-"
				: String.join(", ", this.losses.stream().map((loss) -> seconds(loss.detection())).distinct().toList());
	}

	/**
	 * From LOST to RUNNING again, per expected loss, saying whether replaced or resumed.
	 */
	String runningAgain() {
		return this.losses.isEmpty() ? "-"
				: String.join(", ",
						this.losses.stream()
							.map((loss) -> (loss.back() == null) ? "not again"
									: seconds(loss.back()) + (loss.replaced() ? " (replaced)" : " (resumed)"))
							.toList());
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() / 100) / 10.0 + " s";
	}

	/** Prints the table and writes it to {@code table.md}; each failure follows it. */
	static synchronized String writeTable(Path file) {
		StringBuilder table = new StringBuilder();
		table.append(
				"| scenario | faults injected | jobs | lost | orphans | duplicates | detected after | running again after"
						+ " | time to recover | result |\n");
		table.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (ScenarioResult result : results) {
			table.append("| ")
				.append(result.scenario())
				.append(" | ")
				.append(String.join("; ", result.faults()))
				.append(" | ")
				.append(result.jobs())
				.append(" | ")
				.append(result.lostJobs())
				.append(" jobs, ")
				.append(result.lostAgents())
				.append(" agents | ")
				.append(result.orphans())
				.append(" | ")
				.append(result.duplicates())
				.append(" | ")
				.append(result.detections())
				.append(" | ")
				.append(result.runningAgain())
				.append(" | ")
				.append((result.recovery() != null) ? seconds(result.recovery()) : "not recovered")
				.append(" | ")
				.append((result.failure() == null) ? "passed" : "FAILED")
				.append(" |\n");
		}
		for (ScenarioResult result : results) {
			if (!result.measured().isEmpty()) {
				table.append("\n**")
					.append(result.scenario())
					.append("** measured: ")
					.append(String.join("; ", result.measured()))
					.append('\n');
			}
		}
		for (ScenarioResult result : results) {
			if (result.failure() != null) {
				table.append("\n**")
					.append(result.scenario())
					.append("** failed: ")
					.append(result.failure())
					.append('\n');
			}
		}
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, table, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return table.toString();
	}

}
