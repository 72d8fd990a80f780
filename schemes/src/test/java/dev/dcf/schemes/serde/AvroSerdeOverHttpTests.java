package dev.dcf.schemes.serde;

import java.io.IOException;
import java.util.Map;

import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.testing.FakeConfluentRegistry;
import dev.dcf.schemes.testing.TestMessages;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The serde with the HTTP registry client, against a loopback Confluent-like registry.
 */
class AvroSerdeOverHttpTests {

	private FakeConfluentRegistry registry;

	@BeforeEach
	void startRegistry() throws IOException {
		this.registry = new FakeConfluentRegistry();
	}

	@AfterEach
	void stopRegistry() {
		this.registry.close();
	}

	@Test
	void producerRegistersOnceAndConsumerFetchesOnce() {
		AvroSerializer<JobStatus> producer = new AvroSerializer<>(newClient());
		AvroDeserializer<JobStatus> consumer = new AvroDeserializer<>(newClient(), JobStatus.class);

		for (JobStatusKind kind : JobStatusKind.values()) {
			byte[] bytes = producer.serialize(DcfTopics.JOB_STATUS, TestMessages.jobStatus(kind));
			assertThat(consumer.deserialize(DcfTopics.JOB_STATUS, bytes)).isEqualTo(TestMessages.jobStatus(kind));
		}

		assertThat(this.registry.count("POST", "/subjects/dcf.job-status-value/versions")).isEqualTo(1);
		assertThat(this.registry.count("GET", "/schemas/ids/")).isEqualTo(1);
		assertThat(this.registry.requests).hasSize(2);
	}

	@Test
	void serdesCreatedByKafkaFromPropertiesRoundTrip() {
		Serializer<AgentStatus> serializer = new AvroSerializer<>();
		serializer.configure(Map.of(AvroSerdeConfig.CONFLUENT_REGISTRY_URL, this.registry.url()), false);
		Deserializer<AgentStatus> deserializer = new AvroDeserializer<>();
		deserializer.configure(Map.of(AvroSerdeConfig.REGISTRY_URL, this.registry.url(), AvroSerdeConfig.VALUE_TYPE,
				AgentStatus.class.getName()), false);

		byte[] bytes = serializer.serialize(DcfTopics.AGENT_STATUS, TestMessages.agentStatus());

		assertThat(deserializer.deserialize(DcfTopics.AGENT_STATUS, bytes)).isEqualTo(TestMessages.agentStatus());
		assertThat(this.registry.requests).extracting(FakeConfluentRegistry.Request::rawPath)
			.contains("/subjects/dcf.agent-status-value/versions");
	}

	@Test
	void producerWithoutAutoRegisterFailsClearlyForAnUnknownSubject() {
		Serializer<JobStatus> serializer = new AvroSerializer<>();
		serializer.configure(
				Map.of(AvroSerdeConfig.REGISTRY_URL, this.registry.url(), AvroSerdeConfig.AUTO_REGISTER, "false"),
				false);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> serializer.serialize(DcfTopics.JOB_STATUS, TestMessages.jobStatus(JobStatusKind.STARTED)))
			.withMessageContaining(
					"Cannot look up schema dev.dcf.schemes.avro.JobStatus under subject dcf.job-status-value")
			.withMessageContaining("error 40401");
		assertThat(this.registry.count("POST", "/subjects/dcf.job-status-value/versions")).isZero();
	}

	@Test
	void incompatibleProducerSchemaIsASerializationException() {
		// an older, different JobStatus registered first makes ours incompatible (409)
		newClient().register("dcf.job-status-value", SchemaEvolutionTests.edit(JobStatus.getClassSchema(),
				(root) -> SchemaEvolutionTests.field(root, "sequence").put("type", "string")));

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new AvroSerializer<JobStatus>(newClient()).serialize(DcfTopics.JOB_STATUS,
					TestMessages.jobStatus(JobStatusKind.STARTED)))
			.withMessageContaining("Cannot register schema")
			.withMessageContaining("HTTP 409");
	}

	private HttpSchemaRegistryClient newClient() {
		return new HttpSchemaRegistryClient(RegistryClientConfig.of(this.registry.url()));
	}

}
