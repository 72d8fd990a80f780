package dev.dcf.agent.messaging;

import java.nio.ByteBuffer;

import java.util.List;

import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.Capacity;
import dev.dcf.schemes.avro.CheckResult;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.ContainerStats;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.RemovalCause;
import dev.dcf.schemes.avro.RestartAttempt;
import dev.dcf.schemes.avro.StartFailure;

/**
 * Domain to wire: reports to {@link JobStatus} and {@link AgentStatus}. Pure.
 */
final class StatusMapper {

	private StatusMapper() {
	}

	static JobStatus toWire(JobReport report, String agentId, long sequence) {
		return JobStatus.newBuilder()
			.setAgentId(agentId)
			.setSequence(sequence)
			.setJobId(report.jobId())
			.setRunNumber(report.runNumber())
			.setInstructionId(report.instructionId())
			.setKind(JobStatusKind.valueOf(report.kind().name()))
			.setReason(report.reason())
			.setFailure((report.failure() != null) ? StartFailure.valueOf(report.failure().name()) : null)
			.setContainers(containers(report.containers()))
			.setTimestamp(report.timestamp())
			.setRemoval((report.removal() != null) ? RemovalCause.valueOf(report.removal().name()) : null)
			.setOutput(report.output())
			.setRestart((report.restart() != null) ? new RestartAttempt(report.restart().attempt(),
					report.restart().attempts(), report.restart().delay().toMillis()) : null)
			.build();
	}

	static AgentStatus toWire(AgentReport report, String agentId, long sequence, byte[] publicKey) {
		AgentStatus wire = toWire(report, agentId, sequence);
		wire.setPublicKey(ByteBuffer.wrap(publicKey));
		return wire;
	}

	static AgentStatus toWire(AgentReport report, String agentId, long sequence) {
		AgentReport.Capacity capacity = report.capacity();
		return AgentStatus.newBuilder()
			.setAgentId(agentId)
			.setSequence(sequence)
			.setTimestamp(report.timestamp())
			.setHealth(AgentHealth.valueOf(report.health().name()))
			.setChecks(report.checks()
				.stream()
				.map((check) -> CheckResult.newBuilder()
					.setName(check.name())
					.setPassed(check.passed())
					.setMessage(check.message())
					.build())
				.toList())
			.setCapacity(Capacity.newBuilder()
				.setCpus(capacity.cpus())
				.setMemoryTotalBytes(capacity.memoryTotalBytes())
				.setMemoryFreeBytes(capacity.memoryFreeBytes())
				.setDiskFreeBytes(capacity.diskFreeBytes())
				.setRunningContainers(capacity.runningContainers())
				.setMaxContainers(capacity.maxContainers())
				.build())
			.setLabels(report.labels())
			.setHostname(report.hostname())
			.setVersion(report.version())
			.setDockerVersion(report.dockerVersion())
			.setHeartbeatIntervalMillis(report.heartbeatInterval().toMillis())
			.setContainers(containers(report.containers()))
			.build();
	}

	static List<ContainerInfo> containers(List<ContainerReport> containers) {
		return containers.stream().map(StatusMapper::container).toList();
	}

	static ContainerInfo container(ContainerReport container) {
		return ContainerInfo.newBuilder()
			.setJobId(container.jobId())
			.setRunNumber(container.runNumber())
			.setIndex(container.index())
			.setContainerId(container.containerId())
			.setName(container.name())
			.setState(ContainerState.valueOf(container.state().name()))
			.setExitCode(container.exitCode())
			.setOomKilled(container.oomKilled())
			.setStartedAt(container.startedAt())
			.setFinishedAt(container.finishedAt())
			.setAgentId(container.agentId())
			.setDeadline(container.deadline())
			.setImageDigest(container.imageDigest())
			.setStats(stats(container.stats()))
			.build();
	}

	static ContainerStats stats(dev.dcf.agent.runtime.ContainerStats stats) {
		if (stats == null) {
			return null;
		}
		return ContainerStats.newBuilder()
			.setCpuPercent(stats.cpuPercent())
			.setMemoryBytes(stats.memoryBytes())
			.setMemoryLimitBytes(stats.memoryLimitBytes())
			.setNetworkTxBytes(stats.networkTxBytes())
			.setSampledAt(stats.sampledAt())
			.build();
	}

}
