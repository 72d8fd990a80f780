package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler's sight of heartbeats on the real broker: it sees them once its heartbeat
 * listener has caught up; when the listener falls behind the end of the heartbeat topic,
 * health {@code agentLiveness} turns DOWN, saying it is catching up, and UP again when it
 * has read the backlog (here: records that cannot be decoded, which are dead-lettered).
 */
class HeartbeatSightIT extends EndToEndTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void theHandlerIsBlindWhileItsHeartbeatListenerIsBehindAndSeesAgainWhenItCaughtUp() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(liveness().path("status").asString()).as("%s", liveness()).isEqualTo("UP"));
		MessageListenerContainer heartbeats = this.listeners.getListenerContainer("dcf-handler-agent-status");

		heartbeats.pause();
		try {
			produceBacklog(25);
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
				JsonNode liveness = liveness();
				assertThat(liveness.path("status").asString()).isEqualTo("DOWN");
				assertThat(liveness.path("details").path("blind").asString())
					.startsWith("catching up on " + TOPICS.agentStatus());
			});
		}
		finally {
			heartbeats.resume();
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(liveness().path("status").asString()).as("%s", liveness()).isEqualTo("UP"));
		// the whole backlog read, so the tests after this one (same handler) see
		// heartbeats at once
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(lag(heartbeats.getGroupId())).as("records behind").isZero());
	}

	private static long lag(String group) throws Exception {
		try (Admin admin = Admin.create(SharedInfrastructure.authenticated().clientProperties())) {
			TopicPartition partition = new TopicPartition(TOPICS.agentStatus(), 0);
			long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return end - ((committed != null) ? committed.offset() : 0);
		}
	}

	private JsonNode liveness() {
		String body = this.client.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth("admin", "admin-secret"))
			.exchange()
			.returnResult(String.class)
			.getResponseBody();
		return JSON.readTree(body).path("components").path("agentLiveness");
	}

	/**
	 * Records on partition 0, more than the 20 the handlers may lag behind. (Few: each
	 * undecodable record costs the error handler a re-poll before it is dead-lettered.)
	 */
	private static void produceBacklog(int count) {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(TOPICS.agentStatus(), 0, "sight-" + i, new byte[] { 1, 2, 3 }));
			}
			producer.flush();
		}
	}

}
