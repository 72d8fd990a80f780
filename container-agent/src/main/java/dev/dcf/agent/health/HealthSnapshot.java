package dev.dcf.agent.health;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * All check results at one moment.
 *
 * @param results one per check, in a stable order
 * @param evaluatedAt when
 */
public record HealthSnapshot(List<CheckResult> results, Instant evaluatedAt) {

	public HealthSnapshot {
		results = List.copyOf(results);
	}

	/** Healthy when every check passed (and there is at least one). */
	public boolean healthy() {
		return !this.results.isEmpty() && this.results.stream().allMatch(CheckResult::passed);
	}

	public List<CheckResult> failed() {
		return this.results.stream().filter((result) -> !result.passed()).toList();
	}

	/** The failed checks as one human-readable line: {@code docker: ...; disk: ...}. */
	public String failureSummary() {
		return failed().stream()
			.map((result) -> result.name() + ": " + result.message())
			.collect(Collectors.joining("; "));
	}

}
