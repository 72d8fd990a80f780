package dev.dcf.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroSerializer;
import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schema registry outage does not cost valid instructions: a record that cannot be
 * decoded only because the registry is away waits for it, while records the registry (or
 * the wire format) condemns still go to the dead-letter topic.
 *
 * <p>
 * The agent's registry is a second embedded registry on the shared broker, on a port of
 * its own, started only when the test says so. It stores its schemas in the same
 * {@code _schemas} topic as the shared registry, so once started it knows every id the
 * shared one gave out (the test registers all subjects the agent writes beforehand, so
 * the second registry never has to give out an id itself).
 */
@RequiresDocker
class RegistryOutageIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private final TestTopics topics = TestTopics.unique();

	private final String agentId = "it-outage-" + UUID.randomUUID().toString().substring(0, 8);

	private final SchemaRegistryClient sharedRegistry = new HttpSchemaRegistryClient(
			RegistryClientConfig.of(SharedInfrastructure.get().registryUrl()));

	private final DockerInspector docker = new DockerInspector();

	private int agentRegistryPort;

	private EmbeddedSchemaRegistry agentRegistry;

	private TestAgent agent;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	private Collector<byte[]> deadLetters;

	@BeforeEach
	void setUp() {
		TestImages.ensureBuilt();
		this.agentRegistryPort = freePort();
		this.agentRegistry = EmbeddedSchemaRegistry.builder()
			.port(this.agentRegistryPort)
			.bootstrapServers(SharedInfrastructure.get().bootstrapServers())
			.build();
		this.sharedRegistry.register(this.topics.jobStatus() + "-value", JobStatus.getClassSchema());
		this.sharedRegistry.register(this.topics.agentStatus() + "-value", AgentStatus.getClassSchema());
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
		this.deadLetters = new Collector<>(this.topics.deadLetters(), new ByteArrayDeserializer());
	}

	@AfterEach
	void tearDown() {
		if (this.agent != null) {
			this.agent.close();
		}
		this.agentRegistry.close();
		this.instructions.close();
		this.jobStatus.close();
		this.deadLetters.close();
		this.docker.removeAllOf(this.agentId);
		this.docker.close();
	}

	@Test
	void aCreateThatArrivesWhileTheRegistryIsDownIsCarriedOutOnceItIsBack() {
		startAgent(registryUrl());
		int instructionSchemaId = this.sharedRegistry.register(this.topics.instructions() + "-value",
				JobInstruction.getClassSchema());
		byte[] poison = poison();
		String jobId = Instructions.newJobId();
		// same key: the poison sits before the CREATE in the agent's partition
		this.instructions.sendRaw(this.agentId, poison);
		this.instructions.send(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 1, Map.of()));

		// the agent got past the poison (no registry needed to condemn it) to the CREATE
		this.deadLetters.await((value) -> Arrays.equals(value, poison), WAIT);
		try (HangingUpRegistry down = new HangingUpRegistry(this.agentRegistryPort)) {
			// ... and fetches the CREATE's schema again on every retry (each fetch is a
			// new decoding attempt: the record is polled again)
			awaitRequests(down, "GET /schemas/ids/" + instructionSchemaId + " ", 2);
		}

		this.agentRegistry.start();
		JobStatus started = this.jobStatus
			.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED, WAIT);
		assertThat(started.getContainers()).extracting(ContainerInfo::getState).containsOnly(ContainerState.RUNNING);
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).hasSize(1);
		// the CREATE was carried out, so it was not dead-lettered: only the poison was
		assertThat(this.deadLetters.values()).hasSize(1).allSatisfy((value) -> assertThat(value).isEqualTo(poison));
	}

	@Test
	void aRecordWithAnUnknownSchemaIdGoesToTheDeadLetterTopic() {
		this.agentRegistry.start();
		startAgent(registryUrl());
		byte[] unknownId = withSchemaId(validInstruction(), 999_999);
		this.instructions.sendRaw(this.agentId, unknownId);
		String marker = Instructions.newJobId();
		this.instructions.send(Instructions.delete(this.agentId, marker, 1));

		this.jobStatus.await((s) -> s.getJobId().equals(marker) && s.getKind() == JobStatusKind.REMOVED, WAIT);
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknownId);
		assertThat(dead.key()).isEqualTo(this.agentId);
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).contains("unknown schema id 999999");
	}

	@Test
	void aRecordWithAnUnknownSchemaIdWaitsOutTheOutageThenGoesToTheDeadLetterTopic() {
		startAgent(registryUrl());
		byte[] unknownId = withSchemaId(validInstruction(), 999_999);
		this.instructions.sendRaw(this.agentId, unknownId);
		String marker = Instructions.newJobId();
		this.instructions.send(Instructions.delete(this.agentId, marker, 1));

		try (HangingUpRegistry down = new HangingUpRegistry(this.agentRegistryPort)) {
			// retried, not condemned: nobody can say yet whether the id exists
			awaitRequests(down, "GET /schemas/ids/999999 ", 2);
		}
		assertThat(this.deadLetters.values()).isEmpty();

		this.agentRegistry.start();
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknownId);
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).contains("unknown schema id 999999");
		this.jobStatus.await((s) -> s.getJobId().equals(marker) && s.getKind() == JobStatusKind.REMOVED, WAIT);
		assertThat(this.deadLetters.values()).hasSize(1);
	}

	private void startAgent(String registryUrl) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.agent.id", this.agentId);
		settings.put("dcf.schema-registry.url", registryUrl);
		settings.put("dcf.schema-registry.connect-timeout", "1s");
		settings.put("dcf.schema-registry.request-timeout", "2s");
		this.agent = TestAgent.start(this.topics, settings);
	}

	private String registryUrl() {
		return "http://localhost:" + this.agentRegistryPort;
	}

	private static void awaitRequests(HangingUpRegistry registry, String requestLinePrefix, int count) {
		Awaitility.await()
			.atMost(WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> registry.requests().stream().filter((line) -> line.startsWith(requestLinePrefix)).count(),
					(seen) -> seen >= count);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(byte[] value) {
		this.deadLetters.await((candidate) -> Arrays.equals(candidate, value), WAIT);
		List<ConsumerRecord<String, byte[]>> matching = this.deadLetters.records()
			.stream()
			.filter((record) -> Arrays.equals(record.value(), value))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	/** Not the Confluent wire format at all: condemned without asking the registry. */
	private static byte[] poison() {
		byte[] poison = new byte[48];
		new Random().nextBytes(poison);
		poison[0] = 9;
		return poison;
	}

	/** A DELETE in the wire format, written with the shared registry's id. */
	private byte[] validInstruction() {
		try (Serializer<JobInstruction> serializer = new AvroSerializer<>(this.sharedRegistry)) {
			return serializer.serialize(this.topics.instructions(),
					Instructions.delete(this.agentId, Instructions.newJobId(), 1));
		}
	}

	private static byte[] withSchemaId(byte[] record, int id) {
		byte[] copy = record.clone();
		copy[1] = (byte) (id >>> 24);
		copy[2] = (byte) (id >>> 16);
		copy[3] = (byte) (id >>> 8);
		copy[4] = (byte) id;
		return copy;
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
