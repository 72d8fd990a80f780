package dev.dcf.standalone.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients as a test's stand-in for somebody else: what a login may do.
 */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * Sends one record with a login, within about 10 s.
	 * @param bootstrapServers the broker
	 * @param client the login's client settings (security protocol, mechanism, JAAS)
	 * @param topic where to
	 * @throws java.util.concurrent.ExecutionException whose cause is the broker's refusal
	 * (e.g. {@code TopicAuthorizationException}, {@code SaslAuthenticationException})
	 * @throws Exception when the record is not acknowledged
	 */
	public static void sendOne(String bootstrapServers, Map<String, ?> client, String topic) throws Exception {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
		}
	}

}
