package dev.dcf.messaging;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The producer settings of DCF's management traffic (instructions, reports, dead
 * letters): {@code acks=all}, idempotent, and bounded so that a send is decided within
 * {@link #SEND_TIMEOUT}. Settings made in {@code spring.kafka.producer.*} win where they
 * only tune (the bounds, the linger); durability is not negotiable.
 */
public final class KafkaProducers {

	/**
	 * How long a send may take until acknowledged: covers {@code max.block.ms} plus
	 * {@code delivery.timeout.ms} below.
	 */
	public static final Duration SEND_TIMEOUT = Duration.ofSeconds(45);

	private KafkaProducers() {
	}

	/** A fresh, mutable map: a caller may adjust it for a producer of its own. */
	public static Map<String, Object> properties(KafkaProperties kafka) {
		Map<String, Object> properties = kafka.buildProducerProperties();
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		properties.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		// every send is awaited before the next (instructions, reports): Kafka 4's
		// default linger of 5 ms would only add 5 ms to each, batching nothing
		properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
		return properties;
	}

}
