package dev.dcf.handler.messaging;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler's producer sends each instruction at once: it awaits every send, so a
 * linger would only delay it.
 */
class ProducerPropertiesTests {

	@Test
	void instructionsAreSentWithoutLingerUnlessConfigured() {
		assertThat(MessagingConfiguration.producerProperties(new KafkaProperties()))
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);

		KafkaProperties configured = new KafkaProperties();
		configured.getProducer().getProperties().put(ProducerConfig.LINGER_MS_CONFIG, "20");
		Map<String, Object> properties = MessagingConfiguration.producerProperties(configured);
		assertThat(properties).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
	}

}
