package dev.dcf.handler.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.schemes.serde.GenericAvroReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KafkaTopicReaderTests {

	@Test
	void aClusterThatDoesNotAnswerMakesThePeekUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		KafkaTopicReader reader = new KafkaTopicReader(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort),
				new RecordDecoder(new GenericAvroReader(new RecordDecoderTests.Registry()), 4096, Clock.systemUTC()),
				Duration.ofMillis(800));

		assertThatExceptionOfType(PeekUnavailableException.class).isThrownBy(() -> reader.latest("any-topic", 10))
			.withMessage("The Kafka cluster did not answer within 800 ms");
		assertThatExceptionOfType(PeekUnavailableException.class).isThrownBy(() -> reader.earliest("any-topic", 10));
	}

	@Test
	void aPeekJoinsNoGroupCommitsNothingAndCreatesNoTopic() {
		Map<String, Object> properties = KafkaTopicReader.peekProperties(Map.of(ConsumerConfig.GROUP_ID_CONFIG,
				"dcf-handler", ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "h1", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
				true, ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092"), Duration.ofSeconds(3));

		assertThat(properties).doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG,
				ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		assertThat(properties).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
			.containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
			.containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
			.containsEntry(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
	}

}
