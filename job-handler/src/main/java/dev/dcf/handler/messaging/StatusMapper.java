package dev.dcf.handler.messaging;

import java.nio.ByteBuffer;
import java.util.Base64;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ForeignContainer;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.dryrun.DryRunReport;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.logs.ExitOutput;
import dev.dcf.handler.status.JobReport;
import dev.dcf.handler.status.RemovalCause;
import dev.dcf.handler.status.StartFailure;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.Capacity;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;

/**
 * Wire to domain: {@link JobStatus} to {@link JobReport}, {@link AgentStatus} to
 * {@link AgentHeartbeat}. Pure. Symbols this handler does not know (a newer agent) arrive
 * as {@code UNKNOWN} (the schemas' enum default) and map to the domain's cautious
 * reading.
 */
final class StatusMapper {

	private StatusMapper() {
	}

	static JobReport toDomain(JobStatus wire) {
		return new JobReport(wire.getAgentId(), wire.getSequence(), wire.getJobId(), wire.getRunNumber(),
				wire.getInstructionId(), kind(wire), failure(wire), wire.getReason(), containers(wire.getContainers()),
				wire.getTimestamp(), removal(wire), restart(wire));
	}

	private static JobReport.Restart restart(JobStatus wire) {
		if (wire.getRestart() == null) {
			return null;
		}
		return new JobReport.Restart(wire.getRestart().getAttempt(), wire.getRestart().getAttempts(),
				Duration.ofMillis(Math.max(0, wire.getRestart().getDelayMillis())));
	}

	/**
	 * An answer to a DRY_RUN: its one container (if it started) gives the exit code and
	 * times.
	 */
	static DryRunReport toDryRun(JobStatus wire) {
		ContainerInfo container = wire.getContainers().isEmpty() ? null : wire.getContainers().get(0);
		return new DryRunReport(wire.getAgentId(), wire.getJobId(), wire.getInstructionId(),
				(wire.getFailure() != null) ? wire.getFailure().name() : null, wire.getReason(),
				(container != null) ? container.getExitCode() : null,
				(container != null) ? container.getStartedAt() : null,
				(container != null) ? container.getFinishedAt() : null, wire.getOutput());
	}

	/**
	 * The end of the output an exit report carries: a CONTAINER_EXITED with output and
	 * its one container; nothing for other reports and from agents that send none.
	 */
	static Optional<ExitOutput> exitOutput(JobStatus wire) {
		if (wire.getKind() != JobStatusKind.CONTAINER_EXITED || wire.getOutput() == null
				|| wire.getContainers().size() != 1) {
			return Optional.empty();
		}
		ContainerInfo container = wire.getContainers().get(0);
		return Optional.of(new ExitOutput(wire.getJobId(), wire.getRunNumber(), container.getIndex(),
				container.getExitCode(), wire.getOutput(), wire.getTimestamp()));
	}

	static AgentHeartbeat toDomain(AgentStatus wire) {
		Capacity capacity = wire.getCapacity();
		return new AgentHeartbeat(wire.getAgentId(), wire.getSequence(), wire.getTimestamp(), health(wire),
				wire.getChecks()
					.stream()
					.map((check) -> new AgentCheck(check.getName(), check.getPassed(), check.getMessage()))
					.toList(),
				new AgentCapacity(capacity.getCpus(), capacity.getMemoryTotalBytes(), capacity.getMemoryFreeBytes(),
						capacity.getDiskFreeBytes(), capacity.getRunningContainers(), capacity.getMaxContainers()),
				wire.getLabels(), wire.getHostname(), wire.getVersion(), wire.getDockerVersion(),
				Duration.ofMillis(wire.getHeartbeatIntervalMillis()), own(wire.getAgentId(), wire.getContainers()),
				foreign(wire.getAgentId(), wire.getContainers()),
				(wire.getPublicKey() != null) ? Base64.getEncoder().encodeToString(bytes(wire.getPublicKey())) : null);
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] out = new byte[buffer.remaining()];
		buffer.duplicate().get(out);
		return out;
	}

	/** The containers a heartbeat lists that another agent, or no known one, started. */
	static List<ForeignContainer> foreign(String agentId, List<ContainerInfo> wire) {
		return wire.stream()
			.filter((container) -> container.getAgentId() != null && !agentId.equals(container.getAgentId()))
			.map((container) -> new ForeignContainer(container.getAgentId(), container(container)))
			.toList();
	}

	/**
	 * The containers a heartbeat lists that belong to the reporting agent: an agent lists
	 * every DCF container on its daemon, also those other agents (on the same daemon) or
	 * no known agent started; those are not its own. {@code null} (an agent older than
	 * the field) means its own.
	 */
	static List<ReportedContainer> own(String agentId, List<ContainerInfo> wire) {
		return wire.stream()
			.filter((container) -> container.getAgentId() == null || agentId.equals(container.getAgentId()))
			.map(StatusMapper::container)
			.toList();
	}

	static List<ReportedContainer> containers(List<ContainerInfo> wire) {
		return wire.stream().map(StatusMapper::container).toList();
	}

	static ReportedContainer container(ContainerInfo wire) {
		return new ReportedContainer(wire.getJobId(), wire.getRunNumber(), wire.getIndex(), wire.getContainerId(),
				wire.getName(), state(wire), wire.getExitCode(), wire.getStartedAt(), wire.getFinishedAt(),
				wire.getImageDigest(), stats(wire.getStats()));
	}

	static ContainerStats stats(dev.dcf.schemes.avro.ContainerStats wire) {
		if (wire == null) {
			return null;
		}
		return new ContainerStats(wire.getCpuPercent(), wire.getMemoryBytes(), wire.getMemoryLimitBytes(),
				wire.getNetworkTxBytes(), wire.getSampledAt());
	}

	private static JobReport.Kind kind(JobStatus wire) {
		if (wire.getKind() == null) {
			return JobReport.Kind.UNKNOWN;
		}
		return switch (wire.getKind()) {
			case STARTED -> JobReport.Kind.STARTED;
			case START_FAILED -> JobReport.Kind.START_FAILED;
			case REMOVED -> JobReport.Kind.REMOVED;
			case REMOVE_FAILED -> JobReport.Kind.REMOVE_FAILED;
			case CONTAINER_EXITED -> JobReport.Kind.CONTAINER_EXITED;
			case PULLING -> JobReport.Kind.PULLING;
			case CONTAINER_RESTARTED -> JobReport.Kind.CONTAINER_RESTARTED;
			// the listener hands these to the dry runs; never a job's
			case DRY_RUN_DONE -> JobReport.Kind.UNKNOWN;
			case UNKNOWN -> JobReport.Kind.UNKNOWN;
		};
	}

	private static StartFailure failure(JobStatus wire) {
		if (wire.getFailure() == null) {
			return null;
		}
		return switch (wire.getFailure()) {
			case AGENT_UNHEALTHY -> StartFailure.AGENT_UNHEALTHY;
			case NO_CAPACITY -> StartFailure.NO_CAPACITY;
			case INVALID_INSTRUCTION -> StartFailure.INVALID_INSTRUCTION;
			case STALE_INSTRUCTION -> StartFailure.STALE_INSTRUCTION;
			case IMAGE_NOT_ALLOWED -> StartFailure.IMAGE_NOT_ALLOWED;
			case IMAGE_UNAVAILABLE -> StartFailure.IMAGE_UNAVAILABLE;
			case RUNTIME_ERROR -> StartFailure.RUNTIME_ERROR;
			case UNKNOWN -> StartFailure.UNKNOWN;
		};
	}

	private static RemovalCause removal(JobStatus wire) {
		if (wire.getRemoval() == null) {
			return null;
		}
		return switch (wire.getRemoval()) {
			case REQUESTED -> RemovalCause.REQUESTED;
			case DEADLINE -> RemovalCause.DEADLINE;
			case SELF_FENCED -> RemovalCause.SELF_FENCED;
			case AGENT_SHUTDOWN -> RemovalCause.AGENT_SHUTDOWN;
			case UNKNOWN -> RemovalCause.UNKNOWN;
		};
	}

	/** A health this handler cannot read takes no new jobs: UNHEALTHY. */
	private static AgentState health(AgentStatus wire) {
		if (wire.getHealth() == null) {
			return AgentState.UNHEALTHY;
		}
		return switch (wire.getHealth()) {
			case HEALTHY -> AgentState.HEALTHY;
			case STOPPING -> AgentState.STOPPING;
			case UNHEALTHY, UNKNOWN -> AgentState.UNHEALTHY;
		};
	}

	private static ContainerState state(ContainerInfo wire) {
		if (wire.getState() == null) {
			return ContainerState.UNKNOWN;
		}
		return switch (wire.getState()) {
			case CREATED -> ContainerState.CREATED;
			case RUNNING -> ContainerState.RUNNING;
			case PAUSED -> ContainerState.PAUSED;
			case RESTARTING -> ContainerState.RESTARTING;
			case EXITED -> ContainerState.EXITED;
			case DEAD -> ContainerState.DEAD;
			case REMOVED -> ContainerState.REMOVED;
			case UNKNOWN -> ContainerState.UNKNOWN;
		};
	}

}
