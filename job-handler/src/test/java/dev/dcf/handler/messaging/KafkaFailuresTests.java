package dev.dcf.handler.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.registry.SchemaRegistryException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaFailuresTests {

	private static final ConsumerRecord<String, Object> RECORD = new ConsumerRecord<>("dcf.job-status", 0, 7, "job",
			null);

	@Test
	void anUnreachableRegistryIsRetriedWithoutLimit() {
		Exception outage = decoding(new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
				SchemaRegistryException.NO_ERROR_CODE, "Connection refused"));

		assertThat(KafkaFailures.isRegistryOutage(outage)).isTrue();
		BackOffExecution execution = KafkaFailures.backOff(RECORD, outage).start();
		long last = 0;
		for (int i = 0; i < 100; i++) {
			last = execution.nextBackOff();
			assertThat(last).isNotEqualTo(BackOffExecution.STOP);
		}
		assertThat(last).isEqualTo(KafkaFailures.MAX_OUTAGE_PAUSE_MS);
	}

	@Test
	void aRegistryServerErrorIsAnOutageToo() {
		Exception serverError = decoding(
				new SchemaRegistryException(503, SchemaRegistryException.NO_ERROR_CODE, "Service Unavailable"));

		assertThat(KafkaFailures.isRegistryOutage(serverError)).isTrue();
		assertThat(KafkaFailures.backOff(RECORD, serverError).start().nextBackOff())
			.isNotEqualTo(BackOffExecution.STOP);
	}

	@Test
	void aRegistryRefusalOutsideDecodingIsNoDecodingOutage() {
		Exception elsewhere = new ListenerExecutionFailedException("failed", new SchemaRegistryException(
				SchemaRegistryException.NO_HTTP_STATUS, SchemaRegistryException.NO_ERROR_CODE, "Connection refused"));

		assertThat(KafkaFailures.isRegistryOutage(elsewhere)).isFalse();
	}

	@Test
	void anUnknownSchemaIdIsDeadLetteredAtOnce() {
		Exception unknown = decoding(
				new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found"));

		assertThat(KafkaFailures.isRegistryOutage(unknown)).isFalse();
		assertThat(KafkaFailures.backOff(RECORD, unknown).start().nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void corruptBytesAreDeadLetteredAtOnce() {
		Exception corrupt = decoding(null);

		assertThat(KafkaFailures.backOff(RECORD, corrupt).start().nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void anUnreachableDatabaseIsRetriedWithoutLimit() {
		Exception down = new ListenerExecutionFailedException("failed",
				new DataAccessResourceFailureException("connection refused"));

		BackOff backOff = KafkaFailures.backOff(RECORD, down);

		assertThat(backOff).isNotNull();
		BackOffExecution execution = backOff.start();
		for (int i = 0; i < 100; i++) {
			assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
		}
	}

	@Test
	void concurrentChangesAreRetriedAFewTimesAndOtherFailuresGetTheDefault() {
		BackOff conflict = KafkaFailures.backOff(RECORD,
				new ListenerExecutionFailedException("failed", new OptimisticLockingFailureException("version")));
		BackOffExecution execution = conflict.start();
		int retries = 0;
		while (execution.nextBackOff() != BackOffExecution.STOP) {
			retries++;
		}
		assertThat(retries).isEqualTo(10);

		assertThat(KafkaFailures.backOff(RECORD,
				new ListenerExecutionFailedException("failed", new IllegalArgumentException("bad"))))
			.isNull();
	}

	private static Exception decoding(Exception cause) {
		SerializationException serialization = new SerializationException(
				"Cannot deserialize JobStatus from topic dcf.job-status", cause);
		return new ListenerExecutionFailedException("failed", new DeserializationException("failed to deserialize",
				new byte[] { 0, 0, 0, 0, 9 }, false, serialization));
	}

}
