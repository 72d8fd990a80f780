package dev.dcf.agent.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.instruction.Instruction;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.RemovalCause;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.avro.RestartAttempt;
import dev.dcf.schemes.avro.RestartPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MappersTests {

	private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

	private static final ContainerReport CONTAINER = new ContainerReport("job-1", 2, 1, "abc", "dcf-job-1-1",
			ContainerReport.State.EXITED, 3, true, NOW.minusSeconds(60), NOW);

	@Test
	void aContainersSampleGoesOnTheWireAndAContainerWithoutOneHasNone() {
		ContainerReport running = new ContainerReport("job-1", 2, 0, "abc", "dcf-job-1-0",
				ContainerReport.State.RUNNING, null, false, NOW.minusSeconds(60), null)
			.withStats(new dev.dcf.agent.runtime.ContainerStats(100.98, 106213376L, 268435456L, null, NOW));

		ContainerInfo wire = StatusMapper.container(running);

		assertThat(wire.getStats().getCpuPercent()).isEqualTo(100.98);
		assertThat(wire.getStats().getMemoryBytes()).isEqualTo(106213376L);
		assertThat(wire.getStats().getMemoryLimitBytes()).isEqualTo(268435456L);
		assertThat(wire.getStats().getNetworkTxBytes()).isNull();
		assertThat(wire.getStats().getSampledAt()).isEqualTo(NOW);
		assertThat(StatusMapper.container(CONTAINER).getStats()).isNull();
	}

	@Test
	void instructionFromTheWire() {
		JobInstruction wire = JobInstruction.newBuilder()
			.setInstructionId("i-1")
			.setOperation(InstructionOperation.CREATE)
			.setAgentId("agent-1")
			.setJobId("job-1")
			.setRunNumber(2)
			.setIssuedAt(NOW)
			.setImage("dcf/gen:1")
			.setCommand(List.of("run"))
			.setTopic("sensors")
			.setContainers(3)
			.setLimits(new ResourceLimits(0.5, 512L << 20))
			.setEnv(Map.of("RATE", "5"))
			.setOwner("alice")
			.build();
		assertThat(InstructionMapper.toDomain(wire)).isEqualTo(new Instruction("i-1", Instruction.Operation.CREATE,
				"agent-1", "job-1", 2, NOW, "dcf/gen:1", List.of("run"), "sensors", 3,
				new Instruction.Limits(0.5, 512L << 20), Map.of("RATE", "5"), "alice"));
	}

	@Test
	void deleteWithoutCreateFieldsFromTheWire() {
		JobInstruction wire = JobInstruction.newBuilder()
			.setInstructionId("i-2")
			.setOperation(InstructionOperation.DELETE)
			.setAgentId("agent-1")
			.setJobId("job-1")
			.setIssuedAt(NOW)
			.build();
		Instruction instruction = InstructionMapper.toDomain(wire);
		assertThat(instruction.operation()).isEqualTo(Instruction.Operation.DELETE);
		assertThat(instruction.limits()).isNull();
		assertThat(instruction.command()).isEmpty();
		assertThat(instruction.env()).isEmpty();
	}

	@Test
	void jobReportToTheWire() {
		JobStatus status = StatusMapper.toWire(new JobReport("job-1", 2, null, JobReport.Kind.CONTAINER_EXITED, null,
				"container dcf-job-1-1 exited with code 3", List.of(CONTAINER), NOW), "agent-1", 42);
		assertThat(status.getAgentId()).isEqualTo("agent-1");
		assertThat(status.getSequence()).isEqualTo(42);
		assertThat(status.getJobId()).isEqualTo("job-1");
		assertThat(status.getRunNumber()).isEqualTo(2);
		assertThat(status.getInstructionId()).isNull();
		assertThat(status.getKind()).isEqualTo(JobStatusKind.CONTAINER_EXITED);
		assertThat(status.getReason()).isEqualTo("container dcf-job-1-1 exited with code 3");
		assertThat(status.getTimestamp()).isEqualTo(NOW);
		assertThat(status.getContainers()).singleElement()
			.isEqualTo(new ContainerInfo("job-1", 2, 1, "abc", "dcf-job-1-1", ContainerState.EXITED, 3, true,
					NOW.minusSeconds(60), NOW, "", null, null, null));
		assertThat(status.getRemoval()).isNull();
	}

	@Test
	void theImageDigestGoesOnTheWire() {
		String digest = "localhost:5000/dcf/gen@sha256:" + "cd".repeat(32);
		ContainerReport container = new ContainerReport("job-1", 2, 0, "abc", "dcf-job-1-0",
				ContainerReport.State.RUNNING, null, false, NOW, null, "agent-1", null, digest);
		assertThat(StatusMapper.container(container).getImageDigest()).isEqualTo(digest);
	}

	@Test
	void aRemovalByDeadlineCarriesItsCauseAndTheContainersAgentAndDeadline() {
		ContainerReport container = new ContainerReport("job-1", 2, 0, "abc", "dcf-job-1-0",
				ContainerReport.State.REMOVED, 143, false, NOW.minusSeconds(60), NOW, "agent-1", NOW.minusSeconds(1));
		JobStatus status = StatusMapper.toWire(new JobReport("job-1", 2, null, JobReport.Kind.REMOVED, null,
				"duration reached (deadline " + NOW.minusSeconds(1) + "), removed by the agent", List.of(container),
				NOW, JobReport.Removal.DEADLINE), "agent-1", 43);
		assertThat(status.getRemoval()).isEqualTo(RemovalCause.DEADLINE);
		assertThat(status.getContainers()).singleElement()
			.satisfies((info) -> assertThat(info.getImageDigest()).isNull());
		assertThat(status.getContainers()).singleElement().satisfies((info) -> {
			assertThat(info.getAgentId()).isEqualTo("agent-1");
			assertThat(info.getDeadline()).isEqualTo(NOW.minusSeconds(1));
		});
	}

	@Test
	void everyRemovalCauseHasAWireSymbol() {
		for (JobReport.Removal removal : JobReport.Removal.values()) {
			assertThat(RemovalCause.valueOf(removal.name())).isNotNull();
		}
	}

	@Test
	void aDryRunAndItsAnswerWithTheOutputCrossTheWire() {
		JobInstruction wire = JobInstruction.newBuilder()
			.setInstructionId("i-3")
			.setOperation(InstructionOperation.DRY_RUN)
			.setAgentId("agent-1")
			.setJobId("dry-run-1")
			.setIssuedAt(NOW)
			.setImage("dcf/gen:1")
			.setTopic("dcf-dry-run-1")
			.setContainers(1)
			.build();
		assertThat(InstructionMapper.toDomain(wire).operation()).isEqualTo(Instruction.Operation.DRY_RUN);

		JobStatus status = StatusMapper.toWire(new JobReport("dry-run-1", 0, "i-3", JobReport.Kind.DRY_RUN_DONE, null,
				"exited by itself with code 1", List.of(CONTAINER), NOW, null, "bad config\nbye"), "agent-1", 44);
		assertThat(status.getKind()).isEqualTo(JobStatusKind.DRY_RUN_DONE);
		assertThat(status.getOutput()).isEqualTo("bad config\nbye");
		assertThat(status.getFailure()).isNull();
	}

	@Test
	void aDurationOnTheWireBecomesTheInstructionsDuration() {
		assertThat(InstructionMapper.duration(600L)).isEqualTo(Duration.ofMinutes(10));
		assertThat(InstructionMapper.duration(null)).isNull();
		assertThat(InstructionMapper.duration(0L)).isNull();
	}

	@Test
	void aRestartPolicyCrossesTheWireAndARestartReportCarriesItsAttempt() {
		assertThat(InstructionMapper.restart(new RestartPolicy(3, 600_000L, 1_000L, 2_000L))).isEqualTo(
				new Instruction.Restart(3, Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(2)));
		assertThat(InstructionMapper.restart(null)).isEqualTo(Instruction.Restart.NONE);
		JobReport restarted = new JobReport("job-1", 2, null, JobReport.Kind.CONTAINER_RESTARTED, null,
				"container dcf-job-1-0 exited with code 1; restart 2 of 3 in 2000 ms", List.of(),
				Instant.parse("2026-02-01T10:00:00Z"), null, null, new JobReport.Restart(2, 3, Duration.ofSeconds(2)));
		JobStatus wire = StatusMapper.toWire(restarted, "agent-1", 7);
		assertThat(wire.getKind()).isEqualTo(JobStatusKind.CONTAINER_RESTARTED);
		assertThat(wire.getRestart()).isEqualTo(new RestartAttempt(2, 3, 2_000L));
		assertThat(StatusMapper
			.toWire(new JobReport("job-1", 2, null, JobReport.Kind.CONTAINER_EXITED, null, "x", List.of(),
					Instant.parse("2026-02-01T10:00:00Z")), "agent-1", 8)
			.getRestart()).isNull();
	}

	@Test
	void everyReportKindAndStateHasAWireSymbol() {
		for (JobReport.Kind kind : JobReport.Kind.values()) {
			assertThat(JobStatusKind.valueOf(kind.name())).isNotNull();
		}
		for (ContainerReport.State state : ContainerReport.State.values()) {
			assertThat(ContainerState.valueOf(state.name())).isNotNull();
		}
		for (AgentReport.Health health : AgentReport.Health.values()) {
			assertThat(AgentHealth.valueOf(health.name())).isNotNull();
		}
		for (dev.dcf.agent.report.StartFailure failure : dev.dcf.agent.report.StartFailure.values()) {
			assertThat(dev.dcf.schemes.avro.StartFailure.valueOf(failure.name())).isNotNull();
		}
	}

	@Test
	void startFailureCarriesItsCauseOnTheWireAndOtherReportsNone() {
		JobStatus refused = StatusMapper.toWire(new JobReport("job-1", 2, "i-1", JobReport.Kind.START_FAILED,
				dev.dcf.agent.report.StartFailure.NO_CAPACITY, "not enough capacity on agent agent-1: 20 of at most 20",
				List.of(), NOW), "agent-1", 43);
		assertThat(refused.getFailure()).isEqualTo(dev.dcf.schemes.avro.StartFailure.NO_CAPACITY);
		JobStatus exited = StatusMapper.toWire(new JobReport("job-1", 2, null, JobReport.Kind.CONTAINER_EXITED, null,
				"exited", List.of(CONTAINER), NOW), "agent-1", 44);
		assertThat(exited.getFailure()).isNull();
	}

	@Test
	void agentReportToTheWire() {
		AgentReport report = new AgentReport(AgentReport.Health.UNHEALTHY,
				List.of(CheckResult.failed("docker", "gone"), CheckResult.passed("disk", "ok")),
				new AgentReport.Capacity(2, 8L << 30, 4L << 30, null, 1, 20), Map.of("zone", "a"), "host-1", "0.1.0",
				null, Duration.ofSeconds(5), List.of(CONTAINER), NOW, 7);
		AgentStatus status = StatusMapper.toWire(report, "agent-1", 7);
		assertThat(status.getAgentId()).isEqualTo("agent-1");
		assertThat(status.getSequence()).isEqualTo(7);
		assertThat(status.getHealth()).isEqualTo(AgentHealth.UNHEALTHY);
		assertThat(status.getChecks()).extracting((c) -> c.getName() + "=" + c.getPassed() + ":" + c.getMessage())
			.containsExactly("docker=false:gone", "disk=true:ok");
		assertThat(status.getCapacity().getCpus()).isEqualTo(2.0);
		assertThat(status.getCapacity().getMemoryTotalBytes()).isEqualTo(8L << 30);
		assertThat(status.getCapacity().getMemoryFreeBytes()).isEqualTo(4L << 30);
		assertThat(status.getCapacity().getDiskFreeBytes()).isNull();
		assertThat(status.getCapacity().getRunningContainers()).isEqualTo(1);
		assertThat(status.getCapacity().getMaxContainers()).isEqualTo(20);
		assertThat(status.getLabels()).isEqualTo(Map.of("zone", "a"));
		assertThat(status.getHostname()).isEqualTo("host-1");
		assertThat(status.getVersion()).isEqualTo("0.1.0");
		assertThat(status.getDockerVersion()).isNull();
		assertThat(status.getHeartbeatIntervalMillis()).isEqualTo(5000);
		assertThat(status.getContainers()).hasSize(1);
		assertThat(StatusMapper.toWire(report.stopping(NOW), "agent-1", 8).getHealth()).isEqualTo(AgentHealth.STOPPING);
	}

}
