package dev.dcf.schemes.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.Capacity;
import dev.dcf.schemes.avro.CheckResult;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.ResourceLimits;

/** Sample management messages for tests. */
public final class TestMessages {

	public static final Instant T0 = Instant.parse("2025-06-01T12:00:00.123Z");

	private TestMessages() {
	}

	public static JobInstruction createWithAllFields() {
		return JobInstruction.newBuilder()
			.setInstructionId("7f1c0e1a-0000-4000-8000-000000000001")
			.setOperation(InstructionOperation.CREATE)
			.setAgentId("agent-1")
			.setJobId("job-42")
			.setRunNumber(3)
			.setIssuedAt(T0)
			.setImage("dcf/sample-generator:latest")
			.setCommand(List.of("java", "-jar", "/app/generator.jar", "--rate=10"))
			.setTopic("sensor-readings")
			.setContainers(4)
			.setLimits(ResourceLimits.newBuilder().setCpus(0.5).setMemoryBytes(256L * 1024 * 1024).build())
			.setEnv(Map.of("RATE", "10", "FORMAT", "json", "EMPTY", ""))
			.setOwner("alice")
			.setDurationSeconds(3600L)
			.build();
	}

	public static JobInstruction deleteWithMinimalFields() {
		return JobInstruction.newBuilder()
			.setInstructionId("7f1c0e1a-0000-4000-8000-000000000002")
			.setOperation(InstructionOperation.DELETE)
			.setAgentId("agent-1")
			.setJobId("job-42")
			.setIssuedAt(T0)
			.build();
	}

	public static ContainerInfo container(int index, ContainerState state) {
		return ContainerInfo.newBuilder()
			.setJobId("job-42")
			.setRunNumber(3)
			.setIndex(index)
			.setContainerId("c0ffee" + index)
			.setName("dcf-job-42-" + index)
			.setState(state)
			.setExitCode((state == ContainerState.EXITED) ? 3 : null)
			.setOomKilled(state == ContainerState.DEAD)
			.setStartedAt(T0.plusSeconds(1))
			.setFinishedAt((state == ContainerState.EXITED) ? T0.plusSeconds(60) : null)
			.build();
	}

	public static JobStatus jobStatus(JobStatusKind kind) {
		return JobStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(1_000_000_007L)
			.setJobId("job-42")
			.setRunNumber(3)
			.setInstructionId((kind == JobStatusKind.CONTAINER_EXITED) ? null : "instr-1")
			.setKind(kind)
			.setReason(kind.name().endsWith("FAILED") ? "image not found: dcf/nope" : null)
			.setContainers(List.of(container(0, ContainerState.RUNNING), container(1, ContainerState.EXITED)))
			.setTimestamp(T0.plusMillis(5))
			.build();
	}

	public static AgentStatus agentStatus() {
		return AgentStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(17)
			.setTimestamp(T0)
			.setHealth(AgentHealth.UNHEALTHY)
			.setChecks(List.of(CheckResult.newBuilder().setName("docker").setPassed(true).build(),
					CheckResult.newBuilder().setName("memory").setPassed(false).setMessage("only 40 MB free").build()))
			.setCapacity(Capacity.newBuilder()
				.setCpus(2.0)
				.setMemoryTotalBytes(8L << 30)
				.setMemoryFreeBytes(40L << 20)
				.setDiskFreeBytes(100L << 30)
				.setRunningContainers(2)
				.setMaxContainers(10)
				.build())
			.setLabels(Map.of("zone", "eu-1", "gpu", "false"))
			.setHostname("host-a")
			.setVersion("0.1.0")
			.setDockerVersion("20.10.24")
			.setHeartbeatIntervalMillis(5000)
			.setContainers(List.of(container(0, ContainerState.RUNNING), container(1, ContainerState.DEAD)))
			.build();
	}

}
