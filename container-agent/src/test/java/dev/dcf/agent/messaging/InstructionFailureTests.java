package dev.dcf.agent.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegisteredSchema;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.schemes.serde.AvroSerializer;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures are produced the way the listener container sees them: the real Avro
 * deserializer inside {@link ErrorHandlingDeserializer}, the exception carried in the
 * record header and read back from it, then wrapped as the container does.
 */
class InstructionFailureTests {

	private static final String TOPIC = "dcf.job-instructions";

	private static final int SCHEMA_ID = 7;

	@Test
	void aRegistryThatRefusesConnectionsIsUnavailable() throws IOException {
		int deadPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			deadPort = socket.getLocalPort();
		}
		SchemaRegistryClient dead = new HttpSchemaRegistryClient(
				new RegistryClientConfig("http://localhost:" + deadPort, Duration.ofSeconds(2), Duration.ofSeconds(2)));
		assertThat(InstructionFailure.of(failureOf(validInstruction(), dead)))
			.isEqualTo(InstructionFailure.REGISTRY_UNAVAILABLE);
	}

	@Test
	void aRegistryThatDoesNotAnswerInTimeIsUnavailable() {
		SchemaRegistryException timeout = new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
				SchemaRegistryException.NO_ERROR_CODE, "Schema registry is unreachable: no answer within PT10S",
				new java.net.http.HttpTimeoutException("request timed out"));
		assertThat(InstructionFailure.of(failureOf(validInstruction(), failingWith(timeout))))
			.isEqualTo(InstructionFailure.REGISTRY_UNAVAILABLE);
	}

	@Test
	void aRegistryServerErrorIsUnavailable() {
		SchemaRegistryException storeError = new SchemaRegistryException(500, 50001, "Error in the backend store");
		SchemaRegistryException proxy = new SchemaRegistryException(503, SchemaRegistryException.NO_ERROR_CODE,
				"Service Unavailable");
		assertThat(InstructionFailure.of(failureOf(validInstruction(), failingWith(storeError))))
			.isEqualTo(InstructionFailure.REGISTRY_UNAVAILABLE);
		assertThat(InstructionFailure.of(failureOf(validInstruction(), failingWith(proxy))))
			.isEqualTo(InstructionFailure.REGISTRY_UNAVAILABLE);
	}

	@Test
	void aSchemaIdTheRegistryDoesNotKnowIsUndecodable() {
		SchemaRegistryException notFound = new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
				"Schema 999999 not found");
		assertThat(InstructionFailure.of(failureOf(withSchemaId(validInstruction(), 999_999), failingWith(notFound))))
			.isEqualTo(InstructionFailure.UNDECODABLE);
	}

	@Test
	void aSchemaTheRegistryReturnsButAvroCannotParseIsUndecodable() {
		SchemaRegistryException garbage = new SchemaRegistryException(200, SchemaRegistryException.NO_ERROR_CODE,
				"returned a schema that Avro cannot parse");
		assertThat(InstructionFailure.of(failureOf(validInstruction(), failingWith(garbage))))
			.isEqualTo(InstructionFailure.UNDECODABLE);
	}

	@Test
	void aBadMagicByteIsUndecodableWithoutAskingTheRegistry() {
		byte[] record = validInstruction();
		record[0] = 7;
		assertThat(InstructionFailure.of(failureOf(record, unreachable()))).isEqualTo(InstructionFailure.UNDECODABLE);
	}

	@Test
	void randomAndTruncatedBytesAreUndecodable() {
		byte[] random = new byte[64];
		new Random(42).nextBytes(random);
		random[0] = 0;
		byte[] truncated = java.util.Arrays.copyOf(validInstruction(), 12);
		assertThat(InstructionFailure.of(failureOf(random, knowingTheSchema())))
			.isEqualTo(InstructionFailure.UNDECODABLE);
		assertThat(InstructionFailure.of(failureOf(truncated, knowingTheSchema())))
			.isEqualTo(InstructionFailure.UNDECODABLE);
		assertThat(InstructionFailure.of(failureOf(new byte[] { 0, 0 }, knowingTheSchema())))
			.isEqualTo(InstructionFailure.UNDECODABLE);
	}

	@Test
	void anUndeliveredAnswerIsReportNotDeliveredEvenWhenTheRegistryCausedIt() {
		SchemaRegistryException registryDown = new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
				SchemaRegistryException.NO_ERROR_CODE, "unreachable", new ConnectException("Connection refused"));
		Exception failure = new ListenerExecutionFailedException("Listener method threw",
				new ReportNotDeliveredException("Could not send STARTED", registryDown));
		assertThat(InstructionFailure.of(failure)).isEqualTo(InstructionFailure.REPORT_NOT_DELIVERED);
	}

	@Test
	void aRegistryFailureOutsideDecodingIsNoDecodingMatter() {
		Exception failure = new ListenerExecutionFailedException("Listener method threw", new SchemaRegistryException(
				SchemaRegistryException.NO_HTTP_STATUS, SchemaRegistryException.NO_ERROR_CODE, "unreachable"));
		assertThat(InstructionFailure.of(failure)).isEqualTo(InstructionFailure.OTHER);
	}

	@Test
	void anythingElseIsOther() {
		assertThat(InstructionFailure
			.of(new ListenerExecutionFailedException("Listener method threw", new IllegalStateException("boom"))))
			.isEqualTo(InstructionFailure.OTHER);
	}

	@Test
	void aCyclicCauseChainEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(InstructionFailure.of(first)).isEqualTo(InstructionFailure.OTHER);
	}

	/**
	 * What the error handler gets for {@code value}: decoded by the real deserializer
	 * inside {@link ErrorHandlingDeserializer}, read back from the header, wrapped. The
	 * header's name is marked for removal in spring-kafka 4.0 without a replacement yet;
	 * the error handler reads the same header.
	 */
	@SuppressWarnings("removal")
	static Exception failureOf(byte[] value, SchemaRegistryClient registry) {
		try (ErrorHandlingDeserializer<JobInstruction> deserializer = new ErrorHandlingDeserializer<>(
				new AvroDeserializer<>(registry, JobInstruction.class))) {
			RecordHeaders headers = new RecordHeaders();
			JobInstruction decoded = deserializer.deserialize(TOPIC, headers, value);
			assertThat(decoded).as("the record must not decode").isNull();
			ConsumerRecord<String, JobInstruction> record = new ConsumerRecord<>(TOPIC, 0, 0L, 0L,
					TimestampType.CREATE_TIME, 0, value.length, "agent", null, headers, Optional.empty());
			DeserializationException carried = SerializationUtils.getExceptionFromHeader(record,
					SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
					new LogAccessor(InstructionFailureTests.class));
			assertThat(carried).as("the header carries the failure").isNotNull();
			return new ListenerExecutionFailedException("Listener failed", "dcf-agent-test", carried);
		}
	}

	/** A CREATE in the Confluent wire format with schema id {@value #SCHEMA_ID}. */
	static byte[] validInstruction() {
		try (AvroSerializer<JobInstruction> serializer = new AvroSerializer<>(knowingTheSchema())) {
			return serializer.serialize(TOPIC,
					JobInstruction.newBuilder()
						.setInstructionId("i-1")
						.setOperation(InstructionOperation.CREATE)
						.setAgentId("agent")
						.setJobId("job-1")
						.setRunNumber(1)
						.setIssuedAt(Instant.parse("2025-01-01T00:00:00Z"))
						.setImage("dcf-test/sleeper:latest")
						.setTopic("out")
						.setContainers(1)
						.setCommand(List.of())
						.build());
		}
	}

	static byte[] withSchemaId(byte[] record, int id) {
		byte[] copy = record.clone();
		copy[1] = (byte) (id >>> 24);
		copy[2] = (byte) (id >>> 16);
		copy[3] = (byte) (id >>> 8);
		copy[4] = (byte) id;
		return copy;
	}

	static SchemaRegistryClient knowingTheSchema() {
		return new StubRegistry(null);
	}

	static SchemaRegistryClient failingWith(SchemaRegistryException failure) {
		return new StubRegistry(failure);
	}

	static SchemaRegistryClient unreachable() {
		return failingWith(new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
				SchemaRegistryException.NO_ERROR_CODE, "unreachable", new ConnectException("Connection refused")));
	}

	/** Knows JobInstruction as {@value #SCHEMA_ID}, or fails every fetch. */
	private record StubRegistry(SchemaRegistryException failure) implements SchemaRegistryClient {

		@Override
		public int register(String subject, Schema schema) {
			return SCHEMA_ID;
		}

		@Override
		public int lookup(String subject, Schema schema) {
			return SCHEMA_ID;
		}

		@Override
		public Schema schemaById(int id) {
			if (this.failure != null) {
				throw this.failure;
			}
			if (id != SCHEMA_ID) {
				throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
			}
			return JobInstruction.getClassSchema();
		}

		@Override
		public RegisteredSchema latest(String subject) {
			throw new UnsupportedOperationException();
		}

	}

}
