package dev.dcf.agent.messaging;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.schemes.registry.SchemaRegistryException;

import org.springframework.core.NestedRuntimeException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The real spring-kafka error handler as {@link InstructionErrorHandler} builds it, with
 * millisecond intervals, fed one failing record again and again as the listener container
 * would: a record that is retried is sought back to (so the next poll decodes it again),
 * one that is given up goes to the recoverer.
 */
class InstructionErrorHandlerTests {

	private static final TopicPartition PARTITION = new TopicPartition("dcf.job-instructions", 3);

	private final List<Exception> recovered = new ArrayList<>();

	private final Consumer<?, ?> consumer = mock(Consumer.class);

	private final MessageListenerContainer container = mock(MessageListenerContainer.class);

	private DefaultErrorHandler handler;

	@BeforeEach
	void setUp() {
		given(this.container.isRunning()).willReturn(true);
		given(this.container.getContainerProperties()).willReturn(new ContainerProperties(PARTITION.topic()));
		this.handler = InstructionErrorHandler.create((record, ex) -> this.recovered.add(ex), Duration.ofMillis(1),
				Duration.ofMillis(4), new FixedBackOff(0, 2));
	}

	@Test
	void anUndecodableRecordIsRecoveredAtOnce() {
		assertThat(fail(undecodable())).isFalse();
		verify(this.consumer, never()).seek(eq(PARTITION), anyLong());
	}

	@Test
	void aRecordIsRetriedWithoutLimitWhileTheRegistryIsUnavailable() {
		for (int attempt = 1; attempt <= 20; attempt++) {
			assertThat(fail(registryUnavailable())).as("attempt %d retried", attempt).isTrue();
		}
		// sought back each time: the next poll fetches and decodes the record again
		verify(this.consumer, times(20)).seek(PARTITION, 42L);
	}

	@Test
	void aRecordRetriedForTheRegistryIsRecoveredOnceTheRegistryCallsItUndecodable() {
		assertThat(fail(registryUnavailable())).isTrue();
		assertThat(fail(registryUnavailable())).isTrue();
		Exception unknownId = undecodable();
		assertThat(fail(unknownId)).isFalse();
		assertThat(InstructionFailure.of(this.recovered.get(0))).isEqualTo(InstructionFailure.UNDECODABLE);
	}

	@Test
	void aRecordRetriedForTheRegistryIsRetriedAfreshWhenItFailsForAnotherReason() {
		assertThat(fail(registryUnavailable())).isTrue();
		assertThat(fail(other())).isTrue();
		assertThat(fail(other())).isTrue();
		assertThat(fail(other())).isFalse();
	}

	@Test
	void anUndeliveredAnswerIsRetriedWithoutLimit() {
		for (int attempt = 1; attempt <= 20; attempt++) {
			assertThat(fail(new ListenerExecutionFailedException("Listener failed",
					new ReportNotDeliveredException("Could not send STARTED", new IllegalStateException("timeout")))))
				.as("attempt %d retried", attempt)
				.isTrue();
		}
	}

	@Test
	void otherFailuresAreRetriedTwiceThenRecovered() {
		assertThat(fail(other())).isTrue();
		assertThat(fail(other())).isTrue();
		assertThat(fail(other())).isFalse();
	}

	/**
	 * One failed delivery of the record at offset 42, handled as the container does.
	 * @return whether the record is to be retried (else it was recovered)
	 */
	private boolean fail(Exception failure) {
		ConsumerRecord<String, Object> record = new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 42L, 0L,
				TimestampType.CREATE_TIME, 0, 0, "agent", null, new RecordHeaders(), Optional.empty());
		int before = this.recovered.size();
		try {
			this.handler.handleRemaining(failure, List.of(record), this.consumer, this.container);
		}
		catch (NestedRuntimeException ex) {
			// RecordInRetryException (package-private): how the handler tells the
			// container that the record stays in retry
			assertThat(ex.getClass().getSimpleName()).isEqualTo("RecordInRetryException");
			assertThat(this.recovered).hasSize(before);
			return true;
		}
		assertThat(this.recovered).hasSize(before + 1);
		return false;
	}

	private static Exception registryUnavailable() {
		return InstructionFailureTests.failureOf(InstructionFailureTests.validInstruction(),
				InstructionFailureTests.failingWith(new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
						SchemaRegistryException.NO_ERROR_CODE, "unreachable", new ConnectException("refused"))));
	}

	private static Exception other() {
		return new ListenerExecutionFailedException("Listener failed", new IllegalStateException("boom"));
	}

	private static Exception undecodable() {
		return InstructionFailureTests.failureOf(
				InstructionFailureTests.withSchemaId(InstructionFailureTests.validInstruction(), 999_999),
				InstructionFailureTests.knowingTheSchema());
	}

}
