package dev.dcf.handler.messaging;

import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which answers of the broker about a job's topic end the start, and which only make the
 * job wait.
 */
class KafkaJobTopicsTests {

	@Test
	void errorsRetryingCannotCureAreTheBrokersVerdict() {
		assertThat(KafkaJobTopics.isVerdict(new InvalidReplicationFactorException("3 > 1 broker"))).isTrue();
		assertThat(KafkaJobTopics.isVerdict(new InvalidConfigurationException("retention.ms"))).isTrue();
		assertThat(KafkaJobTopics.isVerdict(new PolicyViolationException("no"))).isTrue();
		assertThat(KafkaJobTopics.isVerdict(new TopicAuthorizationException("not allowed"))).isTrue();
		assertThat(KafkaJobTopics.isVerdict(new TopicDeletionDisabledException("disabled"))).isTrue();
	}

	@Test
	void timeoutsRetriableErrorsAndClientFailuresOnlyMakeTheJobWait() {
		assertThat(KafkaJobTopics.isVerdict(new TimeoutException("no answer"))).isFalse();
		assertThat(KafkaJobTopics.isVerdict(new DisconnectException("gone"))).isFalse();
		assertThat(KafkaJobTopics.isVerdict(new UnknownTopicOrPartitionException("not yet"))).isFalse();
		assertThat(KafkaJobTopics.isVerdict(new KafkaException("client closed"))).isFalse();
	}

}
