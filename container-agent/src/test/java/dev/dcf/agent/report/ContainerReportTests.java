package dev.dcf.agent.report;

import java.time.Instant;
import java.util.Map;

import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerReportTests {

	@Test
	void readsJobRunAndIndexFromTheLabels() {
		ContainerReport report = ContainerReport.of(container(
				Map.of("dcf.job-id", "job-1", "dcf.run", "3", "dcf.container-index", "2"), ContainerStatus.EXITED));
		assertThat(report.jobId()).isEqualTo("job-1");
		assertThat(report.runNumber()).isEqualTo(3);
		assertThat(report.index()).isEqualTo(2);
		assertThat(report.state()).isEqualTo(ContainerReport.State.EXITED);
		assertThat(report.exitCode()).isEqualTo(3);
		assertThat(report.oomKilled()).isTrue();
		assertThat(report.startedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void missingOrBrokenLabelsGiveNeutralValues() {
		ContainerReport report = ContainerReport
			.of(container(Map.of("dcf.run", "x", "dcf.container-index", ""), ContainerStatus.RUNNING));
		assertThat(report.jobId()).isEmpty();
		assertThat(report.runNumber()).isZero();
		assertThat(report.index()).isEqualTo(-1);
	}

	@Test
	void dockersNeverTimestampIsNoTimestamp() {
		ManagedContainer created = new ManagedContainer("id", "n", "img", Map.of(), ContainerStatus.CREATED, null,
				false, Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("0001-01-01T00:00:00Z"));
		assertThat(ContainerReport.of(created).startedAt()).isNull();
		assertThat(ContainerReport.of(created).finishedAt()).isNull();
	}

	@Test
	void everyRuntimeStateHasAReportedState() {
		assertThat(ContainerReport.stateOf(ContainerStatus.CREATED)).isEqualTo(ContainerReport.State.CREATED);
		assertThat(ContainerReport.stateOf(ContainerStatus.RUNNING)).isEqualTo(ContainerReport.State.RUNNING);
		assertThat(ContainerReport.stateOf(ContainerStatus.PAUSED)).isEqualTo(ContainerReport.State.PAUSED);
		assertThat(ContainerReport.stateOf(ContainerStatus.RESTARTING)).isEqualTo(ContainerReport.State.RESTARTING);
		assertThat(ContainerReport.stateOf(ContainerStatus.EXITED)).isEqualTo(ContainerReport.State.EXITED);
		assertThat(ContainerReport.stateOf(ContainerStatus.DEAD)).isEqualTo(ContainerReport.State.DEAD);
		assertThat(ContainerReport.stateOf(ContainerStatus.REMOVING)).isEqualTo(ContainerReport.State.REMOVED);
		assertThat(ContainerReport.stateOf(ContainerStatus.UNKNOWN)).isEqualTo(ContainerReport.State.UNKNOWN);
		assertThat(ContainerReport.stateOf(null)).isEqualTo(ContainerReport.State.UNKNOWN);
	}

	@Test
	void removedKeepsEverythingButTheState() {
		ContainerReport report = ContainerReport.of(container(Map.of("dcf.job-id", "j"), ContainerStatus.EXITED));
		ContainerReport removed = report.removed();
		assertThat(removed.state()).isEqualTo(ContainerReport.State.REMOVED);
		assertThat(removed).usingRecursiveComparison().ignoringFields("state").isEqualTo(report);
	}

	private static ManagedContainer container(Map<String, String> labels, ContainerStatus state) {
		return new ManagedContainer("abc123", "dcf-job-1-2", "dcf/gen:1", labels, state, 3, true,
				Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"));
	}

}
