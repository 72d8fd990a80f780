package dev.dcf.messaging;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroSerializer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The Kafka plumbing the handler and the agent share: the {@code dcf.topics.*} and
 * {@code dcf.schema-registry.*} settings, the registry client, the Avro producer of
 * management records ({@link KafkaProducers}), the producer of dead letters' raw bytes,
 * and the four management topics (created at start if missing). Each app adds its
 * consumers, its error handler (with {@link DeadLetters}) and the dead-letter topics of
 * what it consumes.
 * <p>
 * Runs before Boot's Kafka auto-configuration, whose template and producer factory step
 * back for these.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({ TopicProperties.class, SchemaRegistryProperties.class, KafkaProperties.class })
public class MessagingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SchemaRegistryClient schemaRegistryClient(SchemaRegistryProperties registry) {
		return new HttpSchemaRegistryClient(registry.clientConfig());
	}

	/** Instructions (handler) and reports (agent). */
	@Bean
	DefaultKafkaProducerFactory<String, SpecificRecord> avroProducerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry) {
		return new DefaultKafkaProducerFactory<>(KafkaProducers.properties(kafka), new StringSerializer(),
				new AvroSerializer<>(registry));
	}

	@Bean
	KafkaTemplate<String, SpecificRecord> avroTemplate(
			DefaultKafkaProducerFactory<String, SpecificRecord> avroProducerFactory) {
		return new KafkaTemplate<>(avroProducerFactory);
	}

	/** A bean of its own so that its producer is closed with the context. */
	@Bean
	DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
		return new DefaultKafkaProducerFactory<>(KafkaProducers.properties(kafka), new StringSerializer(),
				new ByteArraySerializer());
	}

	/** Raw bytes of undecodable records to the dead-letter topics. */
	@Bean
	KafkaTemplate<String, byte[]> deadLetterTemplate(
			DefaultKafkaProducerFactory<String, byte[]> deadLetterProducerFactory) {
		return new KafkaTemplate<>(deadLetterProducerFactory);
	}

	@Bean
	KafkaAdmin.NewTopics managementTopics(TopicProperties topics) {
		return new KafkaAdmin.NewTopics(topics(topics).toArray(NewTopic[]::new));
	}

	static List<NewTopic> topics(TopicProperties topics) {
		return List.of(TopicBuilder.name(topics.jobInstructions()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.jobStatus()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.agentStatus()).partitions(topics.partitions()).build(),
				TopicBuilder.name(topics.containerLogs())
					.partitions(topics.partitions())
					.config(TopicConfig.RETENTION_MS_CONFIG, DcfTopics.CONTAINER_LOGS_RETENTION_MS)
					.build());
	}

}
