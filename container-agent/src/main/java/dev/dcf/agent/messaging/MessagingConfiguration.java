package dev.dcf.agent.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentKeys;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.messaging.DeadLetters;
import dev.dcf.messaging.KafkaProducers;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Kafka wiring of the agent, on top of the shared plumbing of {@code dev.dcf.messaging}
 * (registry client, the Avro producer its reports go out on, the dead-letter producer,
 * the management topics): the reporter, the instruction consumer with its single error
 * handler, and the dead-letter topic of instructions.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/** {@code session.timeout.ms} of the instruction consumer unless set otherwise. */
	static final int SESSION_TIMEOUT_MS = 45_000;

	/** Cap of the interval between retries of records that are retried without limit. */
	static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

	/** How often the instruction consumer looks again for the topics it subscribed to. */
	static final int METADATA_MAX_AGE_MS = 10_000;

	/** How often a consumer refused by the broker's ACLs tries again. */
	static final Duration AUTH_RETRY_INTERVAL = Duration.ofSeconds(5);

	@Bean
	SequenceCounter sequenceCounter(Clock clock) {
		return new SequenceCounter(clock);
	}

	@Bean
	Reporter reporter(KafkaTemplate<String, SpecificRecord> avroTemplate, SequenceCounter sequence,
			AgentIdentity identity, TopicProperties topics, AgentProperties agent, AgentKeys keys) {
		return new KafkaReporter(avroTemplate, sequence, identity.id(), topics, KafkaProducers.SEND_TIMEOUT,
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
		// the listener carries out a poll's instructions before the next poll (CREATEs
		// of different jobs side by side): the poll loop waits for them, see
		// checkPollInterval
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, agent.concurrentInstructions());
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
		// instructions of one agent share a partition (key = agent id): one
		// consumer; the listener takes what one poll brought and decides what may
		// overlap (InstructionListener)
		factory.setConcurrency(1);
		factory.setBatchListener(true);
		// at-least-once: a poll's offsets are committed after all its instructions
		// were carried out and answered; when one fails, those before it are
		// committed and the rest delivered again (BatchListenerFailedException)
		factory.getContainerProperties().setAckMode(AckMode.BATCH);
		// positions of the partitions only other agents' instructions come on:
		// IdleCommits
		factory.getContainerProperties().setIdleEventInterval(IdleCommits.INTERVAL.toMillis());
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
			KafkaTemplate<String, SpecificRecord> avroTemplate) {
		return InstructionErrorHandler.create(
				DeadLetters.recoverer(deadLetterTemplate, avroTemplate, KafkaProducers.SEND_TIMEOUT),
				Duration.ofSeconds(1), MAX_RETRY_INTERVAL, new FixedBackOff(1000, 2));
	}

	@Bean
	IdleCommits idleCommits() {
		return new IdleCommits();
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

	/** The dead-letter topic of what the agent consumes. */
	@Bean
	KafkaAdmin.NewTopics agentDeadLetterTopics(TopicProperties topics) {
		return new KafkaAdmin.NewTopics(TopicBuilder.name(DcfTopics.dlt(topics.jobInstructions()))
			.partitions(DcfTopics.DLT_PARTITIONS)
			.build());
	}

	/**
	 * A poll's instructions are carried out before the next poll (so their offsets are
	 * committed only when done). If they took longer than {@code max.poll.interval.ms},
	 * Kafka would take the agent out of its group and hand them out again while they are
	 * still running. So the interval must cover the slowest poll: a pull per instruction,
	 * then per container the agent may run a stop with its grace period and two more
	 * Docker calls (capacity bounds the containers of all the poll's instructions
	 * together), plus slack for checks and the answers.
	 */
	static void checkPollInterval(AgentProperties agent) {
		Duration slowest = slowestPoll(agent);
		if (agent.maxPollInterval().compareTo(slowest) < 0) {
			throw new IllegalStateException(
					"dcf.agent.max-poll-interval (" + agent.maxPollInterval() + ") must be at least " + slowest
							+ " = concurrent-instructions * pull-timeout + max-containers * (stop-timeout + 2 * "
							+ "docker-timeout) + " + SLACK
							+ ": instructions that outlast it are handed out again while " + "they run");
		}
	}

	private static final Duration SLACK = Duration.ofMinutes(2);

	static Duration slowestPoll(AgentProperties agent) {
		Duration perContainer = agent.stopTimeout().plus(agent.dockerTimeout().multipliedBy(2));
		return agent.pullTimeout()
			.multipliedBy(agent.concurrentInstructions())
			.plus(perContainer.multipliedBy(agent.maxContainers()))
			.plus(SLACK);
	}

}
