package dev.dcf.agent.messaging;

import java.util.Map;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.logs.LogSink;
import dev.dcf.messaging.KafkaProducers;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.ContainerLogLines;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The live-log producer: apart from the status producer, batched a little (lines are many
 * and small), never waiting long for a broker that is away.
 */
@Configuration(proxyBeanMethods = false)
class LogMessagingConfiguration {

	@Bean
	DefaultKafkaProducerFactory<String, ContainerLogLines> logProducerFactory(KafkaProperties kafka,
			SchemaRegistryClient registry) {
		Map<String, Object> properties = KafkaProducers.properties(kafka);
		// live lines: one acknowledgement is enough, and a batch lost is only a gap
		properties.put(ProducerConfig.ACKS_CONFIG, "1");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
		return new DefaultKafkaProducerFactory<>(properties, new StringSerializer(), new AvroSerializer<>(registry));
	}

	@Bean
	LogSink logSink(DefaultKafkaProducerFactory<String, ContainerLogLines> logProducerFactory, TopicProperties topics,
			AgentIdentity identity) {
		return new KafkaLogSink(new KafkaTemplate<>(logProducerFactory), topics.containerLogs(), identity.id());
	}

}
