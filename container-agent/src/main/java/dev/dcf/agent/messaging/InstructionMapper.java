package dev.dcf.agent.messaging;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dcf.agent.instruction.Instruction;
import dev.dcf.agent.instruction.Shares;
import dev.dcf.agent.logs.LogRequest;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.avro.RestartPolicy;
import dev.dcf.schemes.seal.SealedValues;

/**
 * Wire to domain: {@link JobInstruction} to {@link Instruction}. Pure.
 */
final class InstructionMapper {

	private InstructionMapper() {
	}

	static Instruction toDomain(JobInstruction wire) {
		return toDomain(wire, null);
	}

	/**
	 * @param privateKey opens the sealed secret values, which are added to the env;
	 * {@code null} for an instruction to another agent (not for us to open)
	 * @throws IllegalArgumentException if a sealed value cannot be opened with the key
	 */
	static Instruction toDomain(JobInstruction wire, PrivateKey privateKey) {
		ResourceLimits limits = wire.getLimits();
		return new Instruction(wire.getInstructionId(), operation(wire), wire.getAgentId(), wire.getJobId(),
				wire.getRunNumber(), wire.getIssuedAt(), wire.getImage(), wire.getCommand(), wire.getTopic(),
				wire.getContainers(),
				(limits != null) ? new Instruction.Limits(limits.getCpus(), limits.getMemoryBytes()) : null,
				env(wire, privateKey), wire.getOwner(), duration(wire.getDurationSeconds()),
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

	/** The plain env plus the opened secret values (docs/security.md). */
	static Map<String, String> env(JobInstruction wire, PrivateKey privateKey) {
		Map<String, ByteBuffer> sealed = wire.getSealedEnv();
		if (privateKey == null || sealed == null || sealed.isEmpty()) {
			return wire.getEnv();
		}
		Map<String, String> env = new LinkedHashMap<>(wire.getEnv());
		sealed.forEach((name, value) -> {
			byte[] bytes = new byte[value.remaining()];
			value.duplicate().get(bytes);
			env.put(name, SealedValues.open(privateKey, wire.getJobId(), name, bytes));
		});
		return env;
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
