package dev.dcf.agent.it;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.AvroSerializer;
import dev.dcf.testsupport.SharedInfrastructure;

/**
 * Plays the handler: sends instructions (Avro, Confluent wire format) and raw bytes to an
 * instruction topic.
 */
public final class Instructions implements AutoCloseable {

	private final String topic;

	private final KafkaProducer<String, JobInstruction> avro;

	private final KafkaProducer<String, byte[]> raw;

	private final AvroSerializer<JobInstruction> serializer;

	public Instructions(String topic) {
		this(topic, SharedInfrastructure.get().bootstrapServers());
	}

	/** To another broker than the shared one, with the shared registry. */
	public Instructions(String topic, String bootstrapServers) {
		this.topic = topic;
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		this.serializer = new AvroSerializer<>(
				new HttpSchemaRegistryClient(RegistryClientConfig.of(infrastructure.registryUrl())));
		this.avro = new KafkaProducer<>(config, new StringSerializer(), this.serializer);
		this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** Sends keyed by the target agent, as the handler does. */
	public void send(JobInstruction instruction) {
		send(instruction.getAgentId(), instruction);
	}

	/** Sends keyed as given; returns the record's offset. */
	public long send(String key, JobInstruction instruction) {
		return wait(this.avro.send(new ProducerRecord<>(this.topic, key, instruction))).offset();
	}

	/**
	 * Sends all, in this order, on one producer before waiting for any (so they go out
	 * together and most likely reach the agent in one poll): instructions in Avro, byte
	 * arrays as they are.
	 */
	public void sendTogether(String key, List<?> values) {
		List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
		for (Object value : values) {
			byte[] bytes = (value instanceof JobInstruction instruction)
					? this.serializer.serialize(this.topic, instruction) : (byte[]) value;
			sent.add(this.raw.send(new ProducerRecord<>(this.topic, key, bytes)));
		}
		sent.forEach(Instructions::wait);
	}

	public void sendRaw(String key, byte[] value) {
		wait(this.raw.send(new ProducerRecord<>(this.topic, key, value)));
	}

	public static JobInstruction create(String agentId, String jobId, int run, String image, int containers,
			Map<String, String> env) {
		return JobInstruction.newBuilder()
			.setInstructionId(UUID.randomUUID().toString())
			.setOperation(InstructionOperation.CREATE)
			.setAgentId(agentId)
			.setJobId(jobId)
			.setRunNumber(run)
			.setIssuedAt(Instant.now())
			.setImage(image)
			.setCommand(null)
			.setTopic("it-generated")
			.setContainers(containers)
			.setLimits(new ResourceLimits(0.5, 64L << 20))
			.setEnv(env)
			.build();
	}

	public static JobInstruction delete(String agentId, String jobId, int run) {
		return JobInstruction.newBuilder()
			.setInstructionId(UUID.randomUUID().toString())
			.setOperation(InstructionOperation.DELETE)
			.setAgentId(agentId)
			.setJobId(jobId)
			.setRunNumber(run)
			.setIssuedAt(Instant.now())
			.setCommand(List.of())
			.build();
	}

	public static String newJobId() {
		return "job-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static <T> T wait(java.util.concurrent.Future<T> sent) {
		try {
			return sent.get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send to the instruction topic", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.avro.close();
		this.raw.close();
	}

}
