package dev.dcf.standalone.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.DcfTopics;
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
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.schemes.serde.AvroSerdeConfig;
import dev.dcf.schemes.serde.AvroSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every management message through the real broker and the embedded registry with DCF's
 * serde, in the Confluent wire format.
 */
class ManagementMessagesIT {

	private static final Instant NOW = Instant.ofEpochMilli(1_767_225_600_123L);

	private static EmbeddedKafka kafka;

	private static EmbeddedSchemaRegistry registry;

	@BeforeAll
	static void startInfrastructure() {
		kafka = EmbeddedKafka.builder().port(0).build();
		kafka.start();
		registry = EmbeddedSchemaRegistry.builder().port(0).bootstrapServers(kafka.bootstrapServers()).build();
		registry.start();
	}

	@AfterAll
	static void stopInfrastructure() {
		if (registry != null) {
			registry.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void jobInstructionRoundTrips() throws Exception {
		assertRoundTrip("rt." + DcfTopics.JOB_INSTRUCTIONS, "agent-1", jobInstruction(), JobInstruction.class);
	}

	@Test
	void jobStatusRoundTrips() throws Exception {
		assertRoundTrip("rt." + DcfTopics.JOB_STATUS, "job-1", jobStatus(), JobStatus.class);
	}

	@Test
	void agentStatusRoundTrips() throws Exception {
		assertRoundTrip("rt." + DcfTopics.AGENT_STATUS, "agent-1", agentStatus(), AgentStatus.class);
	}

	@Test
	void serdeConfiguredByKafkaPropertiesRoundTrips() throws Exception {
		String topic = "props." + DcfTopics.JOB_STATUS;
		JobStatus sent = jobStatus();
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class, AvroSerdeConfig.REGISTRY_URL,
				registry.url());
		try (KafkaProducer<String, JobStatus> producer = new KafkaProducer<>(producerConfig)) {
			producer.send(new ProducerRecord<>(topic, "job-1", sent)).get(30, TimeUnit.SECONDS);
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, "props-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class, AvroSerdeConfig.REGISTRY_URL,
				registry.url(), AvroSerdeConfig.VALUE_TYPE, JobStatus.class.getName());
		try (KafkaConsumer<String, JobStatus> consumer = new KafkaConsumer<>(consumerConfig)) {
			assertDecoded(readAll(consumer, topic, 1), sent);
		}
	}

	@Test
	void oldRecordsDecodeAfterARestartOfBrokerAndRegistryWithAFreshClient() throws Exception {
		String prefix = "restart.";
		HttpSchemaRegistryClient client = client();
		send(prefix + DcfTopics.JOB_INSTRUCTIONS, "agent-1", jobInstruction(), new AvroSerializer<>(client));
		send(prefix + DcfTopics.JOB_STATUS, "job-1", jobStatus(), new AvroSerializer<>(client));
		send(prefix + DcfTopics.AGENT_STATUS, "agent-1", agentStatus(), new AvroSerializer<>(client));

		registry.stop();
		kafka.stop();
		kafka.start();
		registry.start();

		HttpSchemaRegistryClient fresh = client();
		assertDecoded(read(prefix + DcfTopics.JOB_INSTRUCTIONS, new AvroDeserializer<>(fresh, JobInstruction.class), 1),
				jobInstruction());
		assertDecoded(read(prefix + DcfTopics.JOB_STATUS, new AvroDeserializer<>(fresh, JobStatus.class), 1),
				jobStatus());
		assertDecoded(read(prefix + DcfTopics.AGENT_STATUS, new AvroDeserializer<>(fresh, AgentStatus.class), 1),
				agentStatus());
	}

	/**
	 * Sends {@code message}, checks the bytes on the topic are in the Confluent wire
	 * format with the id the registry gave subject {@code <topic>-value}, and decodes it
	 * again.
	 */
	private <T extends SpecificRecord> void assertRoundTrip(String topic, String key, T message, Class<T> type)
			throws Exception {
		HttpSchemaRegistryClient client = client();
		send(topic, key, message, new AvroSerializer<>(client));

		byte[] raw = read(topic, new ByteArrayDeserializer(), 1).get(0);
		assertThat(raw[0]).as("magic byte").isZero();
		int id = ByteBuffer.wrap(raw, 1, 4).getInt();
		assertThat(latestIdOf(topic + "-value")).isEqualTo(id);

		assertDecoded(read(topic, new AvroDeserializer<>(client(), type), 1), message);
	}

	/**
	 * Field by field: a decoded record holds its arrays as {@code GenericData.Array},
	 * whose {@code equals} throws on a nullable timestamp inside (Avro compares them
	 * without the logical type conversions), so {@code decoded.equals(sent)} cannot be
	 * used.
	 */
	private static <T> void assertDecoded(List<T> decoded, T sent) {
		assertThat(decoded).singleElement().usingRecursiveComparison().isEqualTo(sent);
	}

	private static <T extends SpecificRecord> void send(String topic, String key, T message,
			AvroSerializer<T> serializer) throws Exception {
		try (KafkaProducer<String, T> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer)) {
			producer.send(new ProducerRecord<>(topic, key, message)).get(30, TimeUnit.SECONDS);
		}
	}

	private static <V> List<V> read(String topic, Deserializer<V> deserializer, int expected) {
		try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), deserializer)) {
			return readAll(consumer, topic, expected);
		}
	}

	private static <V> List<V> readAll(KafkaConsumer<String, V> consumer, String topic, int expected) {
		List<V> values = new ArrayList<>();
		consumer.subscribe(List.of(topic));
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (values.size() < expected && System.nanoTime() < deadline) {
			for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
				values.add(record.value());
			}
		}
		return values;
	}

	private static int latestIdOf(String subject) throws Exception {
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/" + subject + "/versions/latest"))
				.build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("id").asInt();
	}

	private static HttpSchemaRegistryClient client() {
		return new HttpSchemaRegistryClient(RegistryClientConfig.of(registry.url()));
	}

	static JobInstruction jobInstruction() {
		return JobInstruction.newBuilder()
			.setInstructionId("7b0c9a9e-4b8e-4a59-9d7e-0d6f2b1f5a10")
			.setOperation(InstructionOperation.CREATE)
			.setAgentId("agent-1")
			.setJobId("job-1")
			.setRunNumber(2)
			.setIssuedAt(NOW)
			.setImage("dcf/sample-generator:latest")
			.setCommand(List.of("java", "-jar", "/app/generator.jar"))
			.setTopic("sensor-data")
			.setContainers(3)
			.setLimits(ResourceLimits.newBuilder().setCpus(0.5).setMemoryBytes(256L * 1024 * 1024).build())
			.setEnv(Map.of("RATE", "10", "FORMAT", "json"))
			.setOwner("alice")
			.setDurationSeconds(600L)
			.build();
	}

	static JobStatus jobStatus() {
		return JobStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(42)
			.setJobId("job-1")
			.setRunNumber(2)
			.setInstructionId("7b0c9a9e-4b8e-4a59-9d7e-0d6f2b1f5a10")
			.setKind(JobStatusKind.STARTED)
			.setReason(null)
			.setContainers(List.of(container(0, ContainerState.RUNNING, null), container(1, ContainerState.EXITED, 3)))
			.setTimestamp(NOW)
			.build();
	}

	static AgentStatus agentStatus() {
		return AgentStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(43)
			.setTimestamp(NOW)
			.setHealth(AgentHealth.UNHEALTHY)
			.setChecks(List.of(CheckResult.newBuilder().setName("docker").setPassed(true).setMessage(null).build(),
					CheckResult.newBuilder().setName("disk").setPassed(false).setMessage("2% free").build()))
			.setCapacity(Capacity.newBuilder()
				.setCpus(2.0)
				.setMemoryTotalBytes(8L << 30)
				.setMemoryFreeBytes(3L << 30)
				.setDiskFreeBytes(1L << 30)
				.setRunningContainers(2)
				.setMaxContainers(20)
				.build())
			.setLabels(Map.of("zone", "lab"))
			.setHostname("host-1")
			.setVersion("0.1.0")
			.setDockerVersion("20.10.24")
			.setHeartbeatIntervalMillis(5000)
			.setContainers(List.of(container(0, ContainerState.RUNNING, null)))
			.build();
	}

	private static ContainerInfo container(int index, ContainerState state, Integer exitCode) {
		return ContainerInfo.newBuilder()
			.setJobId("job-1")
			.setRunNumber(2)
			.setIndex(index)
			.setContainerId("c0ffee" + index)
			.setName("dcf-job-1-" + index)
			.setState(state)
			.setExitCode(exitCode)
			.setOomKilled(false)
			.setStartedAt(NOW.minusSeconds(30))
			.setFinishedAt((exitCode != null) ? NOW : null)
			.build();
	}

}
