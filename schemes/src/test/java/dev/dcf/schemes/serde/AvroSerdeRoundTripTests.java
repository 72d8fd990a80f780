package dev.dcf.schemes.serde;

import java.nio.ByteBuffer;
import java.util.Map;

import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.testing.InMemorySchemaRegistryClient;
import dev.dcf.schemes.testing.TestMessages;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroSerdeRoundTripTests {

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

	private <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(String topic, T message, Class<T> type) {
		byte[] bytes = new AvroSerializer<T>(this.registry).serialize(topic, message);
		return new AvroDeserializer<>(this.registry, type).deserialize(topic, bytes);
	}

	@Test
	void createInstructionWithAllFieldsSurvivesTheRoundTrip() {
		JobInstruction create = TestMessages.createWithAllFields();

		JobInstruction read = roundTrip(DcfTopics.JOB_INSTRUCTIONS, create, JobInstruction.class);

		assertThat(read).isEqualTo(create);
		assertThat(read.getLimits().getMemoryBytes()).isEqualTo(256L * 1024 * 1024);
		assertThat(read.getIssuedAt()).isEqualTo(TestMessages.T0);
		assertThat(read.getCommand()).containsExactly("java", "-jar", "/app/generator.jar", "--rate=10");
		assertThat(read.getEnv()).containsEntry("EMPTY", "");
	}

	@Test
	void deleteInstructionWithMinimalFieldsSurvivesTheRoundTripWithDefaults() {
		JobInstruction delete = TestMessages.deleteWithMinimalFields();

		JobInstruction read = roundTrip(DcfTopics.JOB_INSTRUCTIONS, delete, JobInstruction.class);

		assertThat(read).isEqualTo(delete);
		assertThat(read.getOperation()).isEqualTo(InstructionOperation.DELETE);
		assertThat(read.getImage()).isNull();
		assertThat(read.getCommand()).isNull();
		assertThat(read.getLimits()).isNull();
		assertThat(read.getEnv()).isEmpty();
		assertThat(read.getContainers()).isZero();
		assertThat(read.getRunNumber()).isZero();
	}

	@ParameterizedTest
	@EnumSource(JobStatusKind.class)
	void jobStatusOfEveryKindSurvivesTheRoundTrip(JobStatusKind kind) {
		JobStatus status = TestMessages.jobStatus(kind);

		JobStatus read = roundTrip(DcfTopics.JOB_STATUS, status, JobStatus.class);

		assertThat(read).isEqualTo(status);
		assertThat(read.getKind()).isEqualTo(kind);
		assertThat(read.getContainers()).hasSize(2);
		assertThat(read.getContainers().get(1).getExitCode()).isEqualTo(3);
	}

	@Test
	void agentStatusWithChecksCapacityAndContainersSurvivesTheRoundTrip() {
		AgentStatus status = TestMessages.agentStatus();

		AgentStatus read = roundTrip(DcfTopics.AGENT_STATUS, status, AgentStatus.class);

		assertThat(read).isEqualTo(status);
		assertThat(read.getChecks()).hasSize(2);
		assertThat(read.getChecks().get(1).getMessage()).isEqualTo("only 40 MB free");
		assertThat(read.getCapacity().getDiskFreeBytes()).isEqualTo(100L << 30);
		assertThat(read.getLabels()).containsEntry("zone", "eu-1");
		assertThat(read.getContainers().get(1).getOomKilled()).isTrue();
	}

	@Test
	void recordsCarryTheMagicByteAndTheIdRegisteredUnderTheValueSubject() {
		byte[] bytes = new AvroSerializer<JobStatus>(this.registry).serialize(DcfTopics.JOB_STATUS,
				TestMessages.jobStatus(JobStatusKind.STARTED));

		int registeredId = this.registry.latest("dcf.job-status-value").id();
		assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
		assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
		assertThat(this.registry.latest("dcf.job-status-value").schema()).isEqualTo(JobStatus.getClassSchema());
	}

	@Test
	void keysAreRegisteredUnderTheKeySubject() {
		AvroSerializer<JobStatus> keySerializer = new AvroSerializer<>(this.registry);
		keySerializer.configure(Map.of(), true);
		byte[] bytes = keySerializer.serialize("keyed", TestMessages.jobStatus(JobStatusKind.REMOVED));

		assertThat(this.registry.latest("keyed-key").schema()).isEqualTo(JobStatus.getClassSchema());
		assertThat(new AvroDeserializer<>(this.registry, JobStatus.class).deserialize("keyed", bytes).getKind())
			.isEqualTo(JobStatusKind.REMOVED);
	}

	@Test
	void withoutAutoRegisterTheProducerOnlyLooksUp() {
		AvroSerializer<JobStatus> lookupOnly = new AvroSerializer<>(this.registry, false);
		JobStatus status = TestMessages.jobStatus(JobStatusKind.STARTED);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> lookupOnly.serialize(DcfTopics.JOB_STATUS, status))
			.withMessageContaining(
					"Cannot look up schema dev.dcf.schemes.avro.JobStatus under subject dcf.job-status-value");
		assertThat(this.registry.registerCalls).hasValue(0);

		int id = this.registry.register("dcf.job-status-value", JobStatus.getClassSchema());
		assertThat(ByteBuffer.wrap(lookupOnly.serialize(DcfTopics.JOB_STATUS, status), 1, 4).getInt()).isEqualTo(id);
	}

	@Test
	void autoRegisterCanBeTurnedOffByConfiguration() {
		AvroSerializer<JobStatus> serializer = new AvroSerializer<>(this.registry);
		serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER, "false"), false);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serializer.serialize("t", TestMessages.jobStatus(JobStatusKind.STARTED)));
		assertThat(this.registry.lookupCalls).hasValue(1);
	}

	@Test
	void consumerFetchesEachSchemaIdOnce() {
		AvroSerializer<JobStatus> serializer = new AvroSerializer<>(this.registry);
		AvroDeserializer<JobStatus> deserializer = new AvroDeserializer<>(this.registry, JobStatus.class);

		for (int i = 0; i < 20; i++) {
			byte[] bytes = serializer.serialize(DcfTopics.JOB_STATUS, TestMessages.jobStatus(JobStatusKind.STARTED));
			assertThat(deserializer.deserialize(DcfTopics.JOB_STATUS, bytes)).isNotNull();
		}

		assertThat(this.registry.schemaByIdCalls).hasValue(1);
	}

	@Test
	void nullIsWrittenAndReadAsNull() {
		assertThat(new AvroSerializer<JobStatus>(this.registry).serialize("t", null)).isNull();
		assertThat(new AvroDeserializer<>(this.registry, JobStatus.class).deserialize("t", null)).isNull();
	}

	@Test
	void recordMissingARequiredFieldIsASerializationException() {
		JobStatus incomplete = TestMessages.jobStatus(JobStatusKind.STARTED);
		incomplete.setAgentId(null);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroSerializer<JobStatus>(this.registry).serialize("t", incomplete))
			.withMessageContaining("Cannot serialize JobStatus for topic t");
	}

	@Test
	void unconfiguredSerdesSayWhatIsMissing() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(
					() -> new AvroSerializer<JobStatus>().serialize("t", TestMessages.jobStatus(JobStatusKind.STARTED)))
			.withMessageContaining(AvroSerdeConfig.REGISTRY_URL);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroDeserializer<JobStatus>().deserialize("t", new byte[] { 0, 0, 0, 0, 1 }))
			.withMessageContaining(AvroSerdeConfig.VALUE_TYPE);
	}

}
