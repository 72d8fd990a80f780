package dev.dcf.agent.messaging;

import java.time.Duration;

import dev.dcf.agent.instruction.Instruction;
import dev.dcf.agent.instruction.Shares;
import dev.dcf.agent.logs.LogRequest;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.avro.RestartPolicy;

/**
 * Wire to domain: {@link JobInstruction} to {@link Instruction}. Pure.
 */
final class InstructionMapper {

	private InstructionMapper() {
	}

	static Instruction toDomain(JobInstruction wire) {
		ResourceLimits limits = wire.getLimits();
		return new Instruction(wire.getInstructionId(), operation(wire), wire.getAgentId(), wire.getJobId(),
				wire.getRunNumber(), wire.getIssuedAt(), wire.getImage(), wire.getCommand(), wire.getTopic(),
				wire.getContainers(),
				(limits != null) ? new Instruction.Limits(limits.getCpus(), limits.getMemoryBytes()) : null,
				wire.getEnv(), wire.getOwner(), duration(wire.getDurationSeconds()),
				new Shares(wire.getTargetRate(), wire.getMaxRecords()), restart(wire.getRestart()));
	}

	/** Whether the instruction asks for live output (handled apart from the others). */
	static boolean isLogRequest(JobInstruction wire) {
		return wire.getOperation() == InstructionOperation.LOGS;
	}

	static LogRequest toLogRequest(JobInstruction wire) {
		return new LogRequest(wire.getJobId(), wire.getRunNumber(), wire.getLogIndex(), wire.getLogTail(),
				(wire.getLogLeaseMillis() > 0) ? Duration.ofMillis(wire.getLogLeaseMillis()) : null);
	}

	/** Absent (older handlers) or without attempts: no restarts. */
	static Instruction.Restart restart(RestartPolicy wire) {
		if (wire == null || wire.getAttempts() <= 0) {
			return Instruction.Restart.NONE;
		}
		Duration delay = Duration.ofMillis(Math.max(0, wire.getDelayMillis()));
		Duration maxDelay = Duration.ofMillis(Math.max(wire.getDelayMillis(), wire.getMaxDelayMillis()));
		return new Instruction.Restart(wire.getAttempts(), Duration.ofMillis(Math.max(0, wire.getIntervalMillis())),
				delay, maxDelay);
	}

	/** Zero or negative is no duration a deadline could be derived from. */
	static Duration duration(Long seconds) {
		return (seconds != null && seconds > 0) ? Duration.ofSeconds(seconds) : null;
	}

	private static Instruction.Operation operation(JobInstruction wire) {
		if (wire.getOperation() == null) {
			return Instruction.Operation.UNKNOWN;
		}
		return switch (wire.getOperation()) {
			case CREATE -> Instruction.Operation.CREATE;
			case DELETE -> Instruction.Operation.DELETE;
			case DRY_RUN -> Instruction.Operation.DRY_RUN;
			// LOGS goes to the log streams, never to the instruction handler
			case LOGS, UNKNOWN -> Instruction.Operation.UNKNOWN;
		};
	}

}
