package dev.dcf.agent.messaging;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import dev.dcf.agent.config.AgentKeys;
import dev.dcf.agent.instruction.Instruction;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.seal.SealedValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The agent opens the secret values sealed for it and hands them to the container env;
 * they never show in the instruction's text form.
 */
class SealedEnvTests {

	private static final AgentKeys KEYS = AgentKeys.ephemeral();

	@Test
	void sealedValuesAreOpenedIntoTheEnvAndNotShownByToString() {
		JobInstruction wire = create(Map.of("DB_PASSWORD", ByteBuffer
			.wrap(SealedValues.seal(SealedValues.publicKey(KEYS.publicKey()), "job-1", "DB_PASSWORD", "hunter2"))));

		Instruction instruction = InstructionMapper.toDomain(wire, KEYS.privateKey());

		assertThat(instruction.env()).containsEntry("RATE", "5").containsEntry("DB_PASSWORD", "hunter2");
		assertThat(instruction.toString()).contains("DB_PASSWORD").doesNotContain("hunter2");
	}

	@Test
	void anInstructionForAnotherAgentIsNotOpened() {
		JobInstruction wire = create(Map.of("DB_PASSWORD", ByteBuffer
			.wrap(SealedValues.seal(SealedValues.newKeyPair().getPublic(), "job-1", "DB_PASSWORD", "x"))));

		assertThat(InstructionMapper.toDomain(wire, null).env()).containsOnlyKeys("RATE");
	}

	@Test
	void aValueSealedForAnotherKeyIsRefused() {
		JobInstruction wire = create(Map.of("DB_PASSWORD", ByteBuffer
			.wrap(SealedValues.seal(SealedValues.newKeyPair().getPublic(), "job-1", "DB_PASSWORD", "x"))));

		assertThatIllegalArgumentException().isThrownBy(() -> InstructionMapper.toDomain(wire, KEYS.privateKey()));
	}

	private static JobInstruction create(Map<String, ByteBuffer> sealed) {
		return JobInstruction.newBuilder()
			.setInstructionId("i-1")
			.setOperation(InstructionOperation.CREATE)
			.setAgentId("agent-1")
			.setJobId("job-1")
			.setIssuedAt(Instant.parse("2026-02-01T10:00:00Z"))
			.setImage("dcf/gen:1")
			.setTopic("sensors")
			.setContainers(1)
			.setEnv(Map.of("RATE", "5"))
			.setSealedEnv(Map.copyOf(sealed))
			.build();
	}

}
