package dev.dcf.handler.messaging;

import java.time.Instant;
import java.util.List;

import dev.dcf.handler.agent.ForeignContainer;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.dryrun.DryRunReport;
import dev.dcf.handler.logs.ExitOutput;
import dev.dcf.handler.status.JobReport;
import dev.dcf.handler.status.RemovalCause;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusMapperTests {

	static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

	@ParameterizedTest
	@EnumSource(StartFailure.class)
	void everyWireCauseOfAStartFailureMapsToTheSameDomainCause(StartFailure cause) {
		JobReport report = StatusMapper.toDomain(startFailed(cause));

		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isNotNull().hasToString(cause.name());
		assertThat(report.reason()).isEqualTo("refused");
	}

	@Test
	void theImageDigestAContainerRanIsTakenOverAndUnknownFromOlderAgents() {
		String digest = "localhost:5000/gen@sha256:" + "ab".repeat(32);
		ContainerInfo withDigest = ContainerInfo.newBuilder(container("job-1", "agent-1"))
			.setImageDigest(digest)
			.build();

		assertThat(StatusMapper.container(withDigest).imageDigest()).isEqualTo(digest);
		assertThat(StatusMapper.container(container("job-1", "agent-1")).imageDigest()).isNull();
	}

	@Test
	void aContainersSampleIsTakenOverAndNoneFromOlderAgents() {
		Instant sampledAt = Instant.parse("2026-12-06T12:00:00Z");
		ContainerInfo sampled = ContainerInfo.newBuilder(container("job-1", "agent-1"))
			.setStats(dev.dcf.schemes.avro.ContainerStats.newBuilder()
				.setCpuPercent(100.98)
				.setMemoryBytes(106213376L)
				.setMemoryLimitBytes(268435456L)
				.setNetworkTxBytes(null)
				.setSampledAt(sampledAt)
				.build())
			.build();

		assertThat(StatusMapper.container(sampled).stats())
			.isEqualTo(new dev.dcf.handler.agent.ContainerStats(100.98, 106213376L, 268435456L, null, sampledAt));
		assertThat(StatusMapper.container(container("job-1", "agent-1")).stats()).isNull();
	}

	@Test
	void aStartFailureWithoutACauseKeepsNone() {
		assertThat(StatusMapper.toDomain(startFailed(null)).failure()).isNull();
	}

	@Test
	void aHeartbeatKeepsOnlyTheReportingAgentsContainers() {
		List<ContainerInfo> wire = List.of(container("mine", "agent-1"), container("older-agent", null),
				container("neighbour", "agent-2"), container("nobodys", ""));

		assertThat(StatusMapper.own("agent-1", wire)).extracting(ReportedContainer::jobId)
			.containsExactly("mine", "older-agent");
		assertThat(StatusMapper.foreign("agent-1", wire))
			.extracting(ForeignContainer::startedBy, (other) -> other.container().jobId())
			.containsExactly(tuple("agent-2", "neighbour"), tuple("", "nobodys"));
	}

	@Test
	void aRemovalCauseMapsToTheDomain() {
		JobStatus removed = JobStatus.newBuilder(startFailed(null))
			.setKind(JobStatusKind.REMOVED)
			.setRemoval(dev.dcf.schemes.avro.RemovalCause.DEADLINE)
			.build();

		assertThat(StatusMapper.toDomain(removed).removal()).isEqualTo(RemovalCause.DEADLINE);
		assertThat(StatusMapper.toDomain(startFailed(null)).removal()).isNull();
	}

	@Test
	void aDryRunsAnswerCarriesItsContainersExitAndOutput() {
		JobStatus done = JobStatus.newBuilder(startFailed(null))
			.setJobId("dry-run-1")
			.setKind(JobStatusKind.DRY_RUN_DONE)
			.setReason("exited by itself with code 1")
			.setContainers(List.of(ContainerInfo.newBuilder(container("dry-run-1", "agent-1"))
				.setExitCode(1)
				.setStartedAt(NOW.minusSeconds(2))
				.setFinishedAt(NOW)
				.build()))
			.setOutput("sleeper started")
			.build();

		assertThat(StatusMapper.toDryRun(done)).isEqualTo(new DryRunReport("agent-1", "dry-run-1", "i-1", null,
				"exited by itself with code 1", 1, NOW.minusSeconds(2), NOW, "sleeper started"));
	}

	@Test
	void anExitReportsOutputIsKeptForItsRunAndContainerOthersCarryNone() {
		JobStatus exited = JobStatus.newBuilder(startFailed(null))
			.setInstructionId(null)
			.setRunNumber(2)
			.setKind(JobStatusKind.CONTAINER_EXITED)
			.setContainers(
					List.of(ContainerInfo.newBuilder(container("job-1", "agent-1")).setIndex(3).setExitCode(1).build()))
			.setOutput("line 1\nline 2")
			.build();

		assertThat(StatusMapper.exitOutput(exited)).contains(new ExitOutput("job-1", 2, 3, 1, "line 1\nline 2", NOW));
		assertThat(StatusMapper.exitOutput(JobStatus.newBuilder(exited).setOutput(null).build()))
			.as("an agent older than container logs")
			.isEmpty();
		assertThat(StatusMapper.exitOutput(JobStatus.newBuilder(exited).setKind(JobStatusKind.DRY_RUN_DONE).build()))
			.isEmpty();
	}

	@Test
	void aDryRunThatDidNotStartHasItsCauseAndNoExitCode() {
		JobStatus refused = JobStatus.newBuilder(startFailed(StartFailure.IMAGE_UNAVAILABLE))
			.setKind(JobStatusKind.DRY_RUN_DONE)
			.build();

		DryRunReport report = StatusMapper.toDryRun(refused);
		assertThat(report.failure()).isEqualTo("IMAGE_UNAVAILABLE");
		assertThat(report.exitCode()).isNull();
	}

	@Test
	void pullProgressMapsToPulling() {
		JobStatus pulling = JobStatus.newBuilder(startFailed(null))
			.setKind(JobStatusKind.PULLING)
			.setFailure(null)
			.setInstructionId(null)
			.setReason("pulling image dcf/gen:1 for 15 s")
			.build();

		JobReport report = StatusMapper.toDomain(pulling);

		assertThat(report.kind()).isEqualTo(JobReport.Kind.PULLING);
		assertThat(report.reason()).isEqualTo("pulling image dcf/gen:1 for 15 s");
	}

	private static ContainerInfo container(String jobId, String agentId) {
		return ContainerInfo.newBuilder()
			.setJobId(jobId)
			.setRunNumber(1)
			.setIndex(0)
			.setContainerId("c-" + jobId)
			.setName("dcf-" + jobId + "-0")
			.setAgentId(agentId)
			.build();
	}

	private static JobStatus startFailed(StartFailure cause) {
		return JobStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(7)
			.setJobId("job-1")
			.setRunNumber(1)
			.setInstructionId("i-1")
			.setKind(JobStatusKind.START_FAILED)
			.setFailure(cause)
			.setReason("refused")
			.setTimestamp(NOW)
			.build();
	}

}
