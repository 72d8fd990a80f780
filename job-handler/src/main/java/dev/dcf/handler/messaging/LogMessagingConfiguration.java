package dev.dcf.handler.messaging;

import java.time.Clock;
import java.util.Map;

import dev.dcf.handler.logs.LiveLogs;
import dev.dcf.handler.logs.LogFollowRequests;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.ContainerLogLines;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Live container logs on Kafka: LOGS requests out on the instruction producer, batches in
 * through the one error handler (a poison batch goes to the dead-letter topic like any
 * other record).
 */
@Configuration(proxyBeanMethods = false)
class LogMessagingConfiguration {

	@Bean
	LogFollowRequests logFollowRequests(KafkaTemplate<String, SpecificRecord> avroTemplate, TopicProperties topics,
			Clock clock) {
		return new KafkaLogFollowRequests(avroTemplate, topics.jobInstructions(), clock);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, ContainerLogLines> containerLogListenerFactory(
			KafkaProperties kafka, SchemaRegistryClient registry, DefaultErrorHandler errorHandler) {
		Map<String, Object> properties = kafka.buildConsumerProperties();
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// from the end: a viewer wants what comes from now on
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		ConcurrentKafkaListenerContainerFactory<String, ContainerLogLines> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
				new ErrorHandlingDeserializer<>(new AvroDeserializer<>(registry, ContainerLogLines.class))));
		factory.setCommonErrorHandler(errorHandler);
		factory.setConcurrency(1);
		// nothing is ever committed: the group starts from the end each time
		factory.getContainerProperties().setAckMode(AckMode.MANUAL);
		return factory;
	}

	@Bean
	ContainerLogListener containerLogListener(LiveLogs logs, TopicProperties topics, KafkaProperties kafka,
			MessagingConfiguration.InstanceProperties instance) {
		Object group = kafka.buildConsumerProperties().get(ConsumerConfig.GROUP_ID_CONFIG);
		return new ContainerLogListener(logs, topics,
				(group != null) ? group.toString() : MessagingConfiguration.DEFAULT_GROUP, instance.instanceId());
	}

}
