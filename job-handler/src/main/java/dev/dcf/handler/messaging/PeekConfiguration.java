package dev.dcf.handler.messaging;

import java.time.Clock;
import java.time.Duration;

import dev.dcf.messaging.SchemaRegistryProperties;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.GenericAvroReader;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka side of peek ({@link KafkaTopicReader}, {@link RecordDecoder}). Its registry
 * client is its own: the same registry, but bounded by the peek's timeout, so a page with
 * a peek never waits the management topics' longer registry timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeekProperties.class)
class PeekConfiguration {

	@Bean
	KafkaTopicReader kafkaTopicReader(KafkaProperties kafka, SchemaRegistryProperties registry, PeekProperties peek,
			Clock clock) {
		Duration timeout = peek.timeout();
		HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(new RegistryClientConfig(registry.url(),
				min(registry.connectTimeout(), timeout), min(registry.requestTimeout(), timeout)));
		RecordDecoder decoder = new RecordDecoder(new GenericAvroReader(client), (int) peek.maxValueSize().toBytes(),
				clock);
		return new KafkaTopicReader(kafka.buildConsumerProperties(), decoder, timeout);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
