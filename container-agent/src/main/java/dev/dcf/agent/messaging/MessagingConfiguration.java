package dev.dcf.agent.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentKeys;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.schemes.serde.AvroSerializer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka wiring of the agent: Avro serde against the schema registry, one idempotent
 * producer for reports, the instruction consumer with its single error handler, and the
 * management topics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TopicProperties.class, SchemaRegistryProperties.class })
class MessagingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

	/**
	 * How long a report may take from send to acknowledgement (producer bounds below).
	 */
	static final Duration SEND_TIMEOUT = Duration.ofSeconds(45);

	/** {@code session.timeout.ms} of the instruction consumer unless set otherwise. */
	static final int SESSION_TIMEOUT_MS = 45_000;

	/** Cap of the interval between retries of records that are retried without limit. */
	static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

	/** How often the instruction consumer looks again for the topics it subscribed to. */
	static final int METADATA_MAX_AGE_MS = 10_000;

	/** How often a consumer refused by the broker's ACLs tries again. */
	static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(5);

	@Bean
	SchemaRegistryClient schemaRegistryClient(SchemaRegistryProperties registry) {
		return new HttpSchemaRegistryClient(
				new RegistryClientConfig(registry.url(), registry.connectTimeout(), registry.requestTimeout()));
	}

	@Bean
	DefaultKafkaProducerFactory<String, SpecificRecord> statusProducerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry) {
		return new DefaultKafkaProducerFactory<>(producerProperties(kafka), new StringSerializer(),
				new AvroSerializer<>(registry));
	}

	@Bean
	KafkaTemplate<String, SpecificRecord> statusTemplate(
			DefaultKafkaProducerFactory<String, SpecificRecord> statusProducerFactory) {
		return new KafkaTemplate<>(statusProducerFactory);
	}

	/**
	 * A bean of its own so that its producer is closed with the context.
	 */
	@Bean
	DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
		return new DefaultKafkaProducerFactory<>(producerProperties(kafka), new StringSerializer(),
				new ByteArraySerializer());
	}

	/** Raw bytes of undecodable records to the dead-letter topic. */
	@Bean
	KafkaTemplate<String, byte[]> deadLetterTemplate(
			DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory) {
		return new KafkaTemplate<>(deadLetterProducerFactory);
	}

	@Bean
	SequenceCounter sequenceCounter(Clock clock) {
		return new SequenceCounter(clock);
	}

	@Bean
	Reporter reporter(KafkaTemplate<String, SpecificRecord> statusTemplate, SequenceCounter sequence,
			AgentIdentity identity, TopicProperties topics, AgentProperties agent, AgentKeys keys) {
		return new KafkaReporter(statusTemplate, sequence, identity.id(), topics, SEND_TIMEOUT,
				agent.heartbeatInterval(), keys.publicKey());
	}

	@Bean
	ConsumerFactory<String, JobInstruction> instructionConsumerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry, AgentIdentity identity, AgentProperties agent) {
		checkPollInterval(agent);
		Map<String, Object> properties = kafka.buildConsumerProperties();
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, identity.consumerGroup());
		// static membership: an agent restarted after a crash (kill -9, OOM) takes its
		// partition back at once instead of waiting for the old member's session to time
		// out (spring-kafka appends the consumer's index: dcf-agent-<id>-0)
		properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, identity.consumerGroup());
		// how long a crashed agent's partition stays with it (Kafka's default, stated): a
		// restart within it rejoins without a rebalance
		properties.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// one instruction per poll: the poll loop waits for it, see checkPollInterval
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
				(int) Math.min(Integer.MAX_VALUE, agent.maxPollInterval().toMillis()));
		// a new agent's group must not skip instructions sent before it first polled
		properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// other agents' instructions are dropped as they are polled: neither handed
		// to the listener nor committed one by one
		properties.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
				withInterceptor(properties.get(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG), OwnInstructions.class));
		properties.put(OwnInstructions.AGENT_ID_CONFIG, identity.id());
		// a subscription made while the broker's ACLs hid the topic holds no partition
		// until the next metadata refresh finds it (Kafka's default: 5 min)
		properties.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, METADATA_MAX_AGE_MS);
		// StringDeserializer never fails, so only values need the error-handling wrapper
		return new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
				new ErrorHandlingDeserializer<>(new AvroDeserializer<>(registry, JobInstruction.class)));
	}

	/**
	 * The interceptor classes configured (a class, a name or a comma-separated list of
	 * them, or none), then the given one.
	 */
	static List<Object> withInterceptor(Object configured, Class<?> interceptor) {
		List<Object> classes = new ArrayList<>();
		if (configured instanceof Collection<?> several) {
			classes.addAll(several);
		}
		else if (configured instanceof String names) {
			Arrays.stream(names.split(",")).map(String::strip).filter((name) -> !name.isEmpty()).forEach(classes::add);
		}
		else if (configured != null) {
			classes.add(configured);
		}
		classes.add(interceptor);
		return classes;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, JobInstruction> kafkaListenerContainerFactory(
			ConsumerFactory<String, JobInstruction> instructionConsumerFactory, DefaultErrorHandler errorHandler) {
		ConcurrentKafkaListenerContainerFactory<String, JobInstruction> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(instructionConsumerFactory);
		factory.setCommonErrorHandler(errorHandler);
		// instructions of one agent share a partition (key = agent id):
		// one thread, in order
		factory.setConcurrency(1);
		// at-least-once: commit each offset after its instruction was
		// carried out and answered
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		// on a broker with ACLs the handler grants the agent its rights when it starts,
		// perhaps after this agent: until then the consumer is refused and tries again
		// (without this, the first refusal stops the listener and the agent exits)
		factory.getContainerProperties().setAuthExceptionRetryInterval(AUTH_RETRY_INTERVAL);
		return factory;
	}

	/**
	 * The one error handler (see {@link InstructionErrorHandler}). Undecodable records go
	 * to {@code <topic>.DLT} at once (raw bytes) and the consumer moves on. A record that
	 * cannot be decoded only because the schema registry is away, and an instruction
	 * whose answer could not be delivered, are retried without limit (backoff up to 30
	 * s): dropping them would lose valid instructions. Anything else is retried twice,
	 * then dead-lettered as the decoded record.
	 */
	@Bean
	DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate,
			KafkaTemplate<String, SpecificRecord> statusTemplate) {
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, deadLetterTemplate);
		templates.put(SpecificRecord.class, statusTemplate);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
				(record, ex) -> new TopicPartition(DcfTopics.dlt(record.topic()), -1));
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setWaitForSendResultTimeout(SEND_TIMEOUT);
		ConsumerRecordRecoverer loggingRecoverer = (record, ex) -> {
			log.warn("Instruction record {}-{}@{} cannot be processed, sending it to {}: {}", record.topic(),
					record.partition(), record.offset(), DcfTopics.dlt(record.topic()), rootMessage(ex));
			recoverer.accept(record, ex);
		};
		return InstructionErrorHandler.create(loggingRecoverer, Duration.ofSeconds(1), MAX_RETRY_INTERVAL,
				new FixedBackOff(1000, 2));
	}

	@Bean
	ListenerFailure listenerFailure() {
		return new ListenerFailure();
	}

	@Bean
	InstructionListenerCheck instructionListenerCheck(KafkaListenerEndpointRegistry registry,
			ListenerFailure listenerFailure) {
		return new InstructionListenerCheck(registry, listenerFailure);
	}

	@Bean
	KafkaAdmin.NewTopics managementTopics(TopicProperties topics) {
		return new KafkaAdmin.NewTopics(
				TopicBuilder.name(topics.jobInstructions()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.jobStatus()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.agentStatus()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.containerLogs())
					.partitions(topics.partitions())
					.config(TopicConfig.RETENTION_MS_CONFIG, DcfTopics.CONTAINER_LOGS_RETENTION_MS)
					.build(),
				TopicBuilder.name(DcfTopics.dlt(topics.jobInstructions()))
					.partitions(DcfTopics.DLT_PARTITIONS)
					.build());
	}

	/**
	 * Instructions are carried out on the consumer thread (so their offsets are committed
	 * only when done). If one took longer than {@code max.poll.interval.ms}, Kafka would
	 * take the agent out of its group and hand the instruction out again while it is
	 * still running. So the interval must cover the slowest instruction: a pull, then per
	 * container a stop with its grace period and two more Docker calls, plus slack for
	 * checks and the answer.
	 */
	static void checkPollInterval(AgentProperties agent) {
		Duration slowest = slowestInstruction(agent);
		if (agent.maxPollInterval().compareTo(slowest) < 0) {
			throw new IllegalStateException(
					"dcf.agent.max-poll-interval (" + agent.maxPollInterval() + ") must be at least " + slowest
							+ " = pull-timeout + max-containers * (stop-timeout + 2 * " + "docker-timeout) + " + SLACK
							+ ": an instruction that outlasts it is handed out again while " + "it runs");
		}
	}

	private static final Duration SLACK = Duration.ofMinutes(2);

	static Duration slowestInstruction(AgentProperties agent) {
		Duration perContainer = agent.stopTimeout().plus(agent.dockerTimeout().multipliedBy(2));
		return agent.pullTimeout().plus(perContainer.multipliedBy(agent.maxContainers())).plus(SLACK);
	}

	static Map<String, Object> producerProperties(KafkaProperties kafka) {
		Map<String, Object> properties = kafka.buildProducerProperties();
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// bounded: SEND_TIMEOUT covers max.block.ms + delivery.timeout.ms
		properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		// every send is awaited before the next (instructions, reports): Kafka 4's
		// default linger of 5 ms would only add 5 ms to each, batching nothing
		properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
		return properties;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
