package dev.dcf.handler.messaging;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dcf.handler.instruction.Instruction;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.avro.RestartPolicy;

/**
 * Domain to wire: {@link Instruction} to {@link JobInstruction}. Pure.
 */
final class InstructionMapper {

	private InstructionMapper() {
	}

	static JobInstruction toWire(Instruction instruction) {
		JobInstruction.Builder wire = JobInstruction.newBuilder()
			.setInstructionId(instruction.instructionId())
			.setOperation(switch (instruction.operation()) {
				case CREATE -> InstructionOperation.CREATE;
				case DELETE -> InstructionOperation.DELETE;
				case DRY_RUN -> InstructionOperation.DRY_RUN;
			})
			.setAgentId(instruction.agentId())
			.setJobId(instruction.jobId())
			.setRunNumber(instruction.runNumber())
			.setIssuedAt(instruction.issuedAt());
		Instruction.Deployment deployment = instruction.deployment();
		if (deployment != null) {
			wire.setImage(deployment.image())
				.setCommand(deployment.command().isEmpty() ? null : deployment.command())
				.setTopic(deployment.topic())
				.setContainers(deployment.containers())
				.setLimits(ResourceLimits.newBuilder()
					.setCpus(deployment.cpus())
					.setMemoryBytes(deployment.memoryBytes())
					.build())
				.setEnv(new LinkedHashMap<>(deployment.env()))
				.setOwner(deployment.owner())
				.setDurationSeconds(deployment.durationSeconds())
				.setTargetRate(deployment.targetRate())
				.setMaxRecords(deployment.maxRecords())
				.setRestart(restart(deployment.restart()))
				.setSealedEnv(sealed(deployment.sealedEnv()));
		}
		return wire.build();
	}

	private static Map<String, ByteBuffer> sealed(Map<String, byte[]> sealedEnv) {
		Map<String, ByteBuffer> wire = new LinkedHashMap<>();
		sealedEnv.forEach((name, value) -> wire.put(name, ByteBuffer.wrap(value)));
		return wire;
	}

	/** No restarts travel as null: agents older than the field behave the same. */
	private static RestartPolicy restart(dev.dcf.handler.job.RestartPolicy policy) {
		if (!policy.restarts()) {
			return null;
		}
		return RestartPolicy.newBuilder()
			.setAttempts(policy.attempts())
			.setIntervalMillis(policy.intervalMillis())
			.setDelayMillis(policy.delayMillis())
			.setMaxDelayMillis(policy.maxDelayMillis())
			.build();
	}

}
