package dev.dcf.handler.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.JobState;

import static org.assertj.core.api.Assertions.assertThat;

class RunCsvTests {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final String DIGEST = "sha256:" + "ab".repeat(32);

	@Test
	void aHeaderThenOneLinePerContainerWithTheRunsFiguresOnEach() {
		RunReport report = report(List.of(container(0, 0), container(1, 3)), "done");

		List<Map<String, String>> rows = Csv.rows(RunCsv.of(report));

		assertThat(Csv.parse(RunCsv.of(report)).get(0)).isEqualTo(RunCsv.HEADER);
		assertThat(rows).hasSize(2);
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row).containsEntry("run", "2")
				.containsEntry("state", "COMPLETED")
				.containsEntry("agents", "agent-a agent-b")
				.containsEntry("records", "1500")
				.containsEntry("bytes", "")
				.containsEntry("avg_records_per_second", "150.00")
				.containsEntry("peak_records_per_second", "")
				.containsEntry("image_digest", DIGEST)
				.containsEntry("seed", "42")
				.containsEntry("started_at", "2026-12-01T10:00:00Z");
		});
		assertThat(rows).extracting((row) -> row.get("exit_code")).containsExactly("0", "3");
		assertThat(rows).extracting((row) -> row.get("container_index")).containsExactly("0", "1");
	}

	@Test
	void commasQuotesAndLineBreaksAreQuoted() {
		RunReport report = report(List.of(container(0, 0)), "stopped by \"alice\", early\nreally");

		assertThat(Csv.rows(RunCsv.of(report)).get(0)).containsEntry("end_reason",
				"stopped by \"alice\", early\nreally");
	}

	@Test
	void aCellASpreadsheetWouldTakeForAFormulaIsDefused() {
		RunReport report = report(List.of(container(0, 0)), "=HYPERLINK(\"http://evil\")");

		assertThat(Csv.rows(RunCsv.of(report)).get(0)).containsEntry("end_reason", "'=HYPERLINK(\"http://evil\")");
	}

	@Test
	void aRunWithoutContainersHasOneLineWithEmptyContainerColumns() {
		List<Map<String, String>> rows = Csv.rows(RunCsv.of(report(List.of(), "no agent in time")));

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("end_reason", "no agent in time")
				.containsEntry("container_index", "")
				.containsEntry("exit_code", "");
		});
	}

	@Test
	void theEnvironmentIsOneCellOfNameValuePairs() {
		assertThat(Csv.rows(RunCsv.of(report(List.of(), "x"))).get(0)).containsEntry("env",
				"SEED=42; DB_PASSWORD=••••••••");
	}

	private static RunReport report(List<RunReport.Container> containers, String reason) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SEED", "42");
		env.put("DB_PASSWORD", "••••••••");
		return new RunReport("job-1", "sample, the first", 2, false, List.of("agent-a", "agent-b"), T0,
				T0.plusSeconds(2), T0.plusSeconds(12), JobState.COMPLETED, reason, "dcf/gen:1", DIGEST, env, "42",
				containers, 1500L, null, 10L, 150.0, null);
	}

	private static RunReport.Container container(int index, int exitCode) {
		return new RunReport.Container(index, "c" + index, "dcf-job-1-" + index, "agent-a", ContainerState.REMOVED,
				exitCode, T0.plusSeconds(1), T0.plusSeconds(12), DIGEST);
	}

}
