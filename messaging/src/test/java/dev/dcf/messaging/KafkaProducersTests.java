package dev.dcf.messaging;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Management records are sent each at once and durably: every send is awaited, so a
 * linger would only delay it, and a lost instruction or report is not acceptable.
 */
class KafkaProducersTests {

	@Test
	void recordsAreSentWithoutLingerUnlessConfigured() {
		assertThat(KafkaProducers.properties(new KafkaProperties())).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);

		KafkaProperties configured = new KafkaProperties();
		configured.getProducer().getProperties().put(ProducerConfig.LINGER_MS_CONFIG, "20");
		Map<String, Object> properties = KafkaProducers.properties(configured);
		assertThat(properties).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
	}

	@Test
	void durabilityCannotBeConfiguredAway() {
		KafkaProperties configured = new KafkaProperties();
		configured.getProducer().setAcks("1");
		configured.getProducer().getProperties().put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");

		assertThat(KafkaProducers.properties(configured)).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
	}

	@Test
	void theBoundsOfASendFitInTheSendTimeout() {
		Map<String, Object> properties = KafkaProducers.properties(new KafkaProperties());
		long bounds = ((Number) properties.get(ProducerConfig.MAX_BLOCK_MS_CONFIG)).longValue()
				+ ((Number) properties.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).longValue();

		assertThat(bounds).isLessThanOrEqualTo(KafkaProducers.SEND_TIMEOUT.toMillis());
	}

}
