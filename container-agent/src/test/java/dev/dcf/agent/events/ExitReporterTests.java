package dev.dcf.agent.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.instruction.JobLocks;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExitReporterTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC);

	private final FakeRuntime runtime = new FakeRuntime();

	private final List<JobReport> sent = new ArrayList<>();

	private boolean kafkaDown;

	private final ExitReporter exits = new ExitReporter(this.runtime, new Reporter() {
		@Override
		public void send(JobReport report) {
			if (ExitReporterTests.this.kafkaDown) {
				throw new ReportNotDeliveredException("broker down", null);
			}
			ExitReporterTests.this.sent.add(report);
		}

		@Override
		public void send(AgentReport report) {
		}
	}, new JobLocks(), CLOCK, Duration.ofSeconds(1));

	@Test
	void anExitIsReportedWithItsCodeOnce() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 3);
		this.exits.reportExit(container.id(), "job-1");
		this.exits.reportExit(container.id(), "job-1");
		assertThat(this.sent).singleElement().satisfies((report) -> {
			assertThat(report.kind()).isEqualTo(JobReport.Kind.CONTAINER_EXITED);
			assertThat(report.jobId()).isEqualTo("job-1");
			assertThat(report.runNumber()).isEqualTo(2);
			assertThat(report.instructionId()).isNull();
			assertThat(report.reason()).isEqualTo("container dcf-job-1-0 exited with code 3");
			assertThat(report.containers()).singleElement().satisfies((c) -> assertThat(c.exitCode()).isEqualTo(3));
		});
	}

	@Test
	void anExitTravelsWithTheLast100LinesOfTheContainersOutput() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 1);
		this.runtime.logs.put("dcf-job-1-0", IntStream.rangeClosed(1, 500).mapToObj((i) -> "line " + i).toList());
		this.exits.reportExit(container.id(), "job-1");
		assertThat(this.sent).singleElement()
			.satisfies((report) -> assertThat(report.output().lines().toList())
				.isEqualTo(IntStream.rangeClosed(401, 500).mapToObj((i) -> "line " + i).toList()));
	}

	@Test
	void aLongOutputIsCutTo16KibKeepingItsEnd() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 1);
		this.runtime.logs.put("dcf-job-1-0", List.of("x".repeat(20_000), "the end"));
		this.exits.reportExit(container.id(), "job-1");
		assertThat(this.sent).singleElement().satisfies((report) -> {
			assertThat(report.output()).hasSize(16 * 1024);
			assertThat(report.output()).endsWith("x\nthe end");
		});
	}

	@Test
	void aContainerTheAgentRemovedItselfIsNotReported() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 137);
		this.runtime.remove(container.id());
		this.exits.reportExit(container.id(), "job-1");
		this.exits.reportExit(container.id(), null);
		assertThat(this.sent).isEmpty();
	}

	@Test
	void theExitOfADryRunsContainerIsLeftToItsDryRun() {
		Map<String, String> labels = new HashMap<>(labels("dry-run-1"));
		labels.put(ManagedLabels.DRY_RUN, "true");
		ManagedContainer container = this.runtime.add("dcf-dry-run-1-0", labels, ContainerStatus.EXITED, 1);
		this.exits.reportExit(container.id(), "dry-run-1");
		this.exits.sweep(List.of(container));
		assertThat(this.sent).isEmpty();
	}

	@Test
	void aRunningContainerHasNotExited() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.RUNNING, null);
		this.exits.reportExit(container.id(), "job-1");
		assertThat(this.sent).isEmpty();
	}

	@Test
	void anUndeliveredReportIsNotRememberedSoItIsRetried() {
		ManagedContainer container = this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 3);
		this.kafkaDown = true;
		assertThatExceptionOfType(ReportNotDeliveredException.class)
			.isThrownBy(() -> this.exits.reportExit(container.id(), "job-1"));
		this.kafkaDown = false;
		this.exits.reportExit(container.id(), "job-1");
		assertThat(this.sent).hasSize(1);
	}

	@Test
	void aSweepReportsExitsMissedMeanwhileAndNothingTwice() {
		this.runtime.add("dcf-job-1-0", labels("job-1"), ContainerStatus.EXITED, 0);
		this.runtime.add("dcf-job-1-1", labels("job-1"), ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-2-0", labels("job-2"), ContainerStatus.EXITED, 1);
		this.exits.sweep(this.runtime.list("dcf.agent-id", "agent-1"));
		this.exits.sweep(this.runtime.list("dcf.agent-id", "agent-1"));
		assertThat(this.sent).extracting(JobReport::jobId).containsExactly("job-1", "job-2");
		assertThat(this.sent).extracting((r) -> r.containers().get(0).exitCode()).containsExactly(0, 1);
	}

	private static Map<String, String> labels(String jobId) {
		return Map.of("dcf.managed", "true", "dcf.job-id", jobId, "dcf.agent-id", "agent-1", "dcf.container-index", "0",
				"dcf.run", "2");
	}

}
