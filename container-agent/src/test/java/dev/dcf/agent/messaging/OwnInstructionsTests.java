package dev.dcf.agent.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Other agents' instructions are dropped as they are polled, so the listener container
 * neither handles nor commits them one by one; this agent's (and unkeyed) records pass in
 * their order.
 */
class OwnInstructionsTests {

	private static final TopicPartition P0 = new TopicPartition("dcf.job-instructions", 0);

	private static final TopicPartition P1 = new TopicPartition("dcf.job-instructions", 1);

	private final OwnInstructions<String> interceptor = configured("a1");

	@Test
	void recordsKeyedByAnotherAgentAreDroppedWhileThePositionsAfterThePollStay() {
		Map<TopicPartition, OffsetAndMetadata> next = Map.of(P0, new OffsetAndMetadata(4, Optional.of(2), ""), P1,
				new OffsetAndMetadata(8, Optional.of(2), ""));
		ConsumerRecords<String, String> polled = new ConsumerRecords<>(
				Map.of(P0,
						List.of(record(P0, 1, "a2", "create j1"), record(P0, 2, "a1", "create j2"),
								record(P0, 3, "a3", "delete j3")),
						P1, List.of(record(P1, 7, "a2", "create j4"))),
				next);

		ConsumerRecords<String, String> kept = this.interceptor.onConsume(polled);

		assertThat(kept).extracting(ConsumerRecord::value).containsExactly("create j2");
		assertThat(kept.partitions()).containsExactly(P0);
		assertThat(kept.nextOffsets()).isEqualTo(next);
	}

	@Test
	void aPollOfOnlyOtherAgentsRecordsHandsNothingToTheListener() {
		ConsumerRecords<String, String> polled = new ConsumerRecords<>(Map.of(P1, List.of(record(P1, 7, "a2", "x"))),
				Map.of(P1, new OffsetAndMetadata(8)));

		assertThat(this.interceptor.onConsume(polled).isEmpty()).isTrue();
	}

	@Test
	void recordsKeyedByThisAgentOrUnkeyedPassInTheirOrder() {
		ConsumerRecords<String, String> polled = new ConsumerRecords<>(Map.of(P0,
				List.of(record(P0, 1, "a1", "first"), record(P0, 2, null, "second"), record(P0, 3, "a1", "third"))),
				Map.of(P0, new OffsetAndMetadata(4)));

		assertThat(this.interceptor.onConsume(polled)).extracting(ConsumerRecord::value)
			.containsExactly("first", "second", "third");
	}

	@Test
	void withoutTheAgentsIdTheConsumerDoesNotStart() {
		assertThatIllegalStateException().isThrownBy(() -> new OwnInstructions<String>().configure(Map.of()))
			.withMessageContaining(OwnInstructions.AGENT_ID_CONFIG);
	}

	@Test
	void theConsumerKeepsInterceptorsConfiguredBeforeAndAddsThisOne() {
		assertThat(MessagingConfiguration.withInterceptor(null, OwnInstructions.class))
			.containsExactly(OwnInstructions.class);
		assertThat(MessagingConfiguration.withInterceptor("com.example.A, com.example.B", OwnInstructions.class))
			.containsExactly("com.example.A", "com.example.B", OwnInstructions.class);
		assertThat(MessagingConfiguration.withInterceptor(List.of(String.class), OwnInstructions.class))
			.containsExactly(String.class, OwnInstructions.class);
	}

	private static OwnInstructions<String> configured(String agentId) {
		OwnInstructions<String> interceptor = new OwnInstructions<>();
		interceptor.configure(Map.of(OwnInstructions.AGENT_ID_CONFIG, agentId));
		return interceptor;
	}

	private static ConsumerRecord<String, String> record(TopicPartition partition, long offset, String key,
			String value) {
		return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, key, value);
	}

}
