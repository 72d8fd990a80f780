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
 * @param recovery from the removal of the last fault until all expected jobs ran and the
 * agents were HEALTHY; null if that never happened
 * @param failure the scenario's first failure, null if it passed
 */
record ScenarioResult(String scenario, List<String> faults, int jobs, int lostJobs, int lostAgents, int orphans,
		int duplicates, Duration recovery, String failure) {

	private static final List<ScenarioResult> results = new ArrayList<>();

	static synchronized void add(ScenarioResult result) {
		results.add(result);
	}

	/** Prints the table and writes it to {@code table.md}; each failure follows it. */
	static synchronized String writeTable(Path file) {
		StringBuilder table = new StringBuilder();
		table
			.append("| scenario | faults injected | jobs | lost | orphans | duplicates | time to recover | result |\n");
		table.append("|---|---|---|---|---|---|---|---|\n");
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
				.append((result.recovery() != null) ? (result.recovery().toMillis() / 100) / 10.0 + " s"
						: "not recovered")
				.append(" | ")
				.append((result.failure() == null) ? "passed" : "FAILED")
				.append(" |\n");
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
