package dev.dcf.handler.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import jakarta.validation.constraints.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.dcf.messaging.DeadLetters;
import dev.dcf.messaging.KafkaProducers;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka wiring of the handler, on top of the shared plumbing of {@code dev.dcf.messaging}
 * (registry client, Avro and dead-letter producers, the management topics): the
 * instruction sender, a consumer per status topic (group {@value #DEFAULT_GROUP} unless
 * {@code spring.kafka.consumer.group-id} says otherwise, offsets committed after each
 * record, static members named by {@code dcf.handler.instance-id}), the one error
 * handler, and the dead-letter topics of what it consumes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TopicAdminProperties.class, MessagingConfiguration.InstanceProperties.class })
class MessagingConfiguration {

	static final String DEFAULT_GROUP = "dcf-handler";

	@Bean
	KafkaInstructionSender instructionSender(KafkaTemplate<String, SpecificRecord> avroTemplate,
			TopicProperties topics) {
		return new KafkaInstructionSender(avroTemplate, topics.jobInstructions(), KafkaProducers.SEND_TIMEOUT);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, JobStatus> jobStatusListenerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry, DefaultErrorHandler errorHandler, InstanceProperties instance) {
		// reports of one job share a partition: up to two jobs' reports in parallel
		return listenerFactory(kafka, new AvroDeserializer<>(registry, JobStatus.class), errorHandler, 2,
				instance.instanceId());
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, AgentStatus> agentStatusListenerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry, DefaultErrorHandler errorHandler, InstanceProperties instance) {
		return listenerFactory(kafka, new AvroDeserializer<>(registry, AgentStatus.class), errorHandler, 1,
				instance.instanceId());
	}

	/**
	 * The one error handler of both listeners; what it does with each failure is
	 * {@link KafkaFailures}. Records it gives up on go to {@code <topic>.DLT}
	 * ({@link DeadLetters}).
	 */
	@Bean
	DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> deadLetterTemplate,
			KafkaTemplate<String, SpecificRecord> avroTemplate) {
		return errorHandler(deadLetterTemplate, avroTemplate, KafkaProducers.SEND_TIMEOUT);
	}

	static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> deadLetterTemplate,
			KafkaOperations<String, SpecificRecord> recordTemplate, Duration sendTimeout) {
		DefaultErrorHandler handler = new DefaultErrorHandler(
				DeadLetters.recoverer(deadLetterTemplate, recordTemplate, sendTimeout), new FixedBackOff(1000, 2));
		// decoding failures are told apart by the back-off function (registry outage or
		// not)
		handler.removeClassification(DeserializationException.class);
		handler.setBackOffFunction(KafkaFailures::backOff);
		return handler;
	}

	/** The dead-letter topics of what the handler consumes. */
	@Bean
	KafkaAdmin.NewTopics handlerDeadLetterTopics(TopicProperties topics) {
		return new KafkaAdmin.NewTopics(
				TopicBuilder.name(DcfTopics.dlt(topics.containerLogs())).partitions(DcfTopics.DLT_PARTITIONS).build(),
				TopicBuilder.name(DcfTopics.dlt(topics.jobStatus())).partitions(DcfTopics.DLT_PARTITIONS).build(),
				TopicBuilder.name(DcfTopics.dlt(topics.agentStatus())).partitions(DcfTopics.DLT_PARTITIONS).build());
	}

	private static <T extends SpecificRecord> ConcurrentKafkaListenerContainerFactory<String, T> listenerFactory(
			KafkaProperties kafka, AvroDeserializer<T> deserializer, DefaultErrorHandler errorHandler, int concurrency,
			String instanceId) {
		Map<String, Object> properties = kafka.buildConsumerProperties();
		properties.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, DEFAULT_GROUP);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a new group reads what agents reported before it first polled
		properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		ErrorHandlingDeserializer<T> values = new ErrorHandlingDeserializer<>(deserializer);
		ConcurrentKafkaListenerContainerFactory<String, T> factory = new ConcurrentKafkaListenerContainerFactory<>();
		// StringDeserializer never fails: only values need the error-handling wrapper
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(), values));
		factory.setCommonErrorHandler(errorHandler);
		factory.setConcurrency(concurrency);
		factory.getContainerProperties().setAckMode(AckMode.RECORD);
		// static membership: a handler restarted after a crash (kill -9) takes its
		// partitions back at once instead of after session.timeout.ms. Every consumer
		// needs an id of its own: the listener id, to which spring-kafka appends -<n>
		// (the consumer's index, -0 with concurrency 1 too). Set on a copy: the factory's
		// consumer properties are shared by reference.
		factory.setContainerCustomizer((container) -> {
			Properties consumer = new Properties();
			consumer.putAll(container.getContainerProperties().getKafkaConsumerProperties());
			consumer.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + container.getListenerId());
			container.getContainerProperties().setKafkaConsumerProperties(consumer);
		});
		return factory;
	}

	/**
	 * The handler instance as a member of its consumer group ({@code dcf.handler.*}).
	 *
	 * @param instanceId names this handler's consumers in the group (static membership,
	 * so that a restart takes the partitions back at once); stable across restarts and
	 * distinct for every handler of one group. Default: the host name
	 */
	@ConfigurationProperties("dcf.handler")
	@Validated
	record InstanceProperties(@Pattern(regexp = "[a-zA-Z0-9._-]{1,200}",
			message = "may hold letters, digits, '.', '_' and '-' only (Kafka's group.instance.id)") String instanceId) {

		InstanceProperties {
			if (instanceId == null || instanceId.isBlank()) {
				instanceId = hostName();
			}
		}

		private static String hostName() {
			String name;
			try {
				name = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				name = System.getenv("HOSTNAME");
			}
			if (name == null || name.isBlank()) {
				return DEFAULT_GROUP;
			}
			String legal = name.replaceAll("[^a-zA-Z0-9._-]", "-");
			return (legal.length() > 200) ? legal.substring(0, 200) : legal;
		}

	}

}
