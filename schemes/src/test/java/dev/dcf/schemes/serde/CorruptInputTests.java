package dev.dcf.schemes.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.RegisteredSchema;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import dev.dcf.schemes.testing.InMemorySchemaRegistryClient;
import dev.dcf.schemes.testing.TestMessages;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Corrupt input gives a clear {@link SerializationException}, never an
 * {@code OutOfMemoryError}, another exception, or a hang. Each test runs under a generous
 * timeout only to catch hangs.
 */
class CorruptInputTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(5);

	private static final String TOPIC = DcfTopics.JOB_STATUS;

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

	private final AvroDeserializer<JobStatus> jobStatusReader = new AvroDeserializer<>(this.registry, JobStatus.class);

	@Test
	void randomBytesAreRejected() {
		serialize(TOPIC, TestMessages.jobStatus(JobStatusKind.STARTED)); // a registered
																			// schema
																			// exists
		guard(() -> {
			for (int seed = 0; seed < 2_000; seed++) {
				Random random = new Random(seed);
				byte[] data = new byte[random.nextInt(80)];
				random.nextBytes(data);
				assertThatExceptionOfType(SerializationException.class).as("seed %d", seed)
					.isThrownBy(() -> this.jobStatusReader.deserialize(TOPIC, data))
					.withMessageStartingWith("Cannot deserialize JobStatus from topic dcf.job-status: ");
			}
		});
	}

	@Test
	void randomPayloadsBehindAValidHeaderDecodeOrFailCleanly() {
		guard(() -> {
			assertRandomBodiesDecodeOrFail(DcfTopics.JOB_STATUS, TestMessages.jobStatus(JobStatusKind.STARTED),
					JobStatus.class);
			assertRandomBodiesDecodeOrFail(DcfTopics.AGENT_STATUS, TestMessages.agentStatus(), AgentStatus.class);
			assertRandomBodiesDecodeOrFail(DcfTopics.JOB_INSTRUCTIONS, TestMessages.createWithAllFields(),
					JobInstruction.class);
		});
	}

	private <T extends SpecificRecord> void assertRandomBodiesDecodeOrFail(String topic, T sample, Class<T> type) {
		byte[] header = Arrays.copyOf(serialize(topic, sample), WireFormat.HEADER_SIZE);
		AvroDeserializer<T> reader = new AvroDeserializer<>(this.registry, type);
		int failures = 0;
		for (int seed = 0; seed < 2_000; seed++) {
			Random random = new Random(seed);
			byte[] data = Arrays.copyOf(header, WireFormat.HEADER_SIZE + random.nextInt(300));
			byte[] body = new byte[data.length - WireFormat.HEADER_SIZE];
			random.nextBytes(body);
			System.arraycopy(body, 0, data, WireFormat.HEADER_SIZE, body.length);
			failures += decodesOrFailsCleanly(reader, topic, data) ? 0 : 1;
		}
		assertThat(failures).as("random bodies rejected for %s", type.getSimpleName()).isGreaterThan(1_900);
	}

	@Test
	void mutatedRecordsDecodeOrFailCleanly() {
		byte[] valid = serialize(DcfTopics.AGENT_STATUS, TestMessages.agentStatus());
		AvroDeserializer<AgentStatus> reader = new AvroDeserializer<>(this.registry, AgentStatus.class);
		guard(() -> {
			int failures = 0;
			for (int seed = 0; seed < 3_000; seed++) {
				Random random = new Random(seed);
				byte[] data = valid.clone();
				for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
					int at = WireFormat.HEADER_SIZE + random.nextInt(data.length - WireFormat.HEADER_SIZE);
					data[at] = (byte) random.nextInt(256);
				}
				failures += decodesOrFailsCleanly(reader, DcfTopics.AGENT_STATUS, data) ? 0 : 1;
			}
			assertThat(failures).isPositive();
		});
	}

	/**
	 * True if decoded, false if a clear SerializationException; anything else fails the
	 * test.
	 */
	private static boolean decodesOrFailsCleanly(AvroDeserializer<?> reader, String topic, byte[] data) {
		try {
			assertThat(reader.deserialize(topic, data)).isNotNull();
			return true;
		}
		catch (SerializationException ex) {
			assertThat(ex.getMessage()).contains("schema id");
			return false;
		}
	}

	@Test
	void truncatedRecordsAreRejectedAtEveryCutPoint() {
		guard(() -> {
			assertEveryTruncationFails(DcfTopics.JOB_STATUS, TestMessages.jobStatus(JobStatusKind.START_FAILED),
					JobStatus.class);
			assertEveryTruncationFails(DcfTopics.AGENT_STATUS, TestMessages.agentStatus(), AgentStatus.class);
			assertEveryTruncationFails(DcfTopics.JOB_INSTRUCTIONS, TestMessages.createWithAllFields(),
					JobInstruction.class);
		});
	}

	private <T extends SpecificRecord> void assertEveryTruncationFails(String topic, T message, Class<T> type) {
		byte[] valid = serialize(topic, message);
		AvroDeserializer<T> reader = new AvroDeserializer<>(this.registry, type);
		assertThat(reader.deserialize(topic, valid)).isEqualTo(message);
		for (int cut = 0; cut < valid.length; cut++) {
			byte[] truncated = Arrays.copyOf(valid, cut);
			String expected = (cut < WireFormat.HEADER_SIZE) ? "shorter than the 5-byte Confluent header"
					: "corrupt Avro payload";
			assertThatExceptionOfType(SerializationException.class).as("cut at %d of %d", cut, valid.length)
				.isThrownBy(() -> reader.deserialize(topic, truncated))
				.withMessageContaining(expected);
		}
	}

	@Test
	void trailingBytesAreRejected() {
		byte[] valid = serialize(TOPIC, TestMessages.jobStatus(JobStatusKind.STARTED));
		byte[] longer = Arrays.copyOf(valid, valid.length + 2);

		assertRejected(longer, "2 trailing bytes");
	}

	@Test
	void unknownMagicByteIsRejected() {
		byte[] data = serialize(TOPIC, TestMessages.jobStatus(JobStatusKind.STARTED));
		data[0] = 1;

		assertRejected(data, "unknown magic byte 0x01 (expected 0x00: Confluent wire format)");
		assertThat(this.registry.schemaByIdCalls).hasValue(0);
	}

	@Test
	void unknownSchemaIdIsRejected() {
		byte[] data = { 0, 0, 0, 3, (byte) 0xe7, 2, 'a' };

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> guard(() -> this.jobStatusReader.deserialize(TOPIC, data)))
			.withMessageContaining("unknown schema id 999")
			.havingCause()
			.isInstanceOfSatisfying(SchemaRegistryException.class,
					(cause) -> assertThat(cause.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
	}

	@Test
	void unreachableRegistryIsASerializationExceptionThatSaysSo() {
		SchemaRegistryClient down = new InMemorySchemaRegistryClient() {
			@Override
			public synchronized Schema schemaById(int id) {
				throw new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
						SchemaRegistryException.NO_ERROR_CODE, "Schema registry at http://x:1 is unreachable");
			}
		};

		assertThatExceptionOfType(SerializationException.class).isThrownBy(
				() -> new AvroDeserializer<>(down, JobStatus.class).deserialize(TOPIC, new byte[] { 0, 0, 0, 0, 1 }))
			.withMessageContaining("cannot fetch schema id 1")
			.withMessageContaining("unreachable");
	}

	@Test
	void hugeStringLengthIsRejected() {
		int id = registerJobStatus();
		for (long claimed : List.of((long) Integer.MAX_VALUE, 1L << 40, Long.MAX_VALUE)) {
			byte[] data = payload(id, (out) -> out.writeLong(claimed));
			assertRejected(data, "string at byte 0 claims " + claimed + " bytes but");
		}
		assertRejected(payload(id, (out) -> out.writeLong(-5)), "string at byte 0 claims -5 bytes");
	}

	@Test
	void hugeBytesLengthIsRejected() {
		// a newer writer with a leading bytes field the reader skips
		int id = register(withLeadingField(JobStatus.getClassSchema(), "blob", "bytes"));

		byte[] data = payload(id, (out) -> out.writeLong(1L << 40));

		assertRejected(data, "bytes at byte 0 claims 1099511627776 bytes but");
	}

	@Test
	void hugeArrayBlockCountIsRejected() {
		int id = registerJobStatus();
		byte[] positive = payload(id, (out) -> {
			jobStatusUpToContainers(out);
			out.writeLong(1L << 40);
		});
		byte[] negative = payload(id, (out) -> {
			jobStatusUpToContainers(out);
			out.writeLong(-(1L << 30));
			out.writeLong(10);
			out.writeFixed(new byte[10]);
		});

		assertRejected(positive, "array block at byte 20 claims 1099511627776 items of at least");
		assertRejected(negative, "array block at byte 20 claims 1073741824 items of at least");
	}

	@Test
	void hugeMapBlockCountIsRejected() {
		int id = register(AgentStatus.getClassSchema());
		AvroDeserializer<AgentStatus> reader = new AvroDeserializer<>(this.registry, AgentStatus.class);
		byte[] data = payload(id, (out) -> {
			out.writeString("agent-1");
			out.writeLong(1);
			out.writeLong(0);
			out.writeEnum(1);
			out.writeLong(0); // no checks
			out.writeDouble(2);
			out.writeLong(1);
			out.writeLong(1);
			out.writeIndex(0);
			out.writeInt(0);
			out.writeInt(1);
			out.writeLong(Integer.MAX_VALUE); // labels
		});

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> guard(() -> reader.deserialize(DcfTopics.AGENT_STATUS, data)))
			.withMessageContaining("map block at byte 25 claims 2147483647 items of at least 2 bytes");
	}

	@Test
	void zeroSizeItemsAreCappedButAcceptedUpToTheCap() {
		// a newer writer with a leading array of nulls the reader skips:
		// each item takes 0 bytes
		int id = register(
				withLeadingField(JobStatus.getClassSchema(), "nothing", "{\"type\":\"array\",\"items\":\"null\"}"));
		Function<Long, byte[]> withNulls = (count) -> payload(id, (out) -> {
			out.writeLong(count);
			out.writeLong(0);
			validJobStatusBody(out);
		});

		assertRejected(withNulls.apply(1L << 40), "claims 1099511627776 zero-size items, more than the limit of 10000");
		assertRejected(withNulls.apply((long) AvroPayloadValidator.MAX_ZERO_SIZE_ITEMS + 1), "zero-size items");
		JobStatus read = this.jobStatusReader.deserialize(TOPIC,
				withNulls.apply((long) AvroPayloadValidator.MAX_ZERO_SIZE_ITEMS));
		assertThat(read.getAgentId()).isEqualTo("agent-1");
	}

	@Test
	void enumAndUnionIndexesOutOfRangeAreRejected() {
		int id = registerJobStatus();
		byte[] badEnum = payload(id, (out) -> {
			jobStatusUpToKind(out);
			out.writeEnum(99);
		});
		byte[] badUnion = payload(id, (out) -> {
			out.writeString("agent-1");
			out.writeLong(9);
			out.writeString("job-42");
			out.writeInt(0);
			out.writeIndex(-1);
		});

		assertRejected(badEnum, "enum dev.dcf.schemes.avro.JobStatusKind index 99 at byte 18 is out of range [0, 9)");
		assertRejected(badUnion, "union index -1 at byte 17 is out of range [0, 2)");
	}

	@Test
	void malformedVarintIsRejected() {
		int id = registerJobStatus();
		byte[] data = payload(id, (out) -> {
			out.writeString("agent-1");
			byte[] elevenContinuationBytes = new byte[11];
			Arrays.fill(elevenContinuationBytes, (byte) 0xff);
			out.writeFixed(elevenContinuationBytes);
		});

		assertRejected(data, "malformed long varint (more than 10 bytes)");
	}

	@Test
	void arrayBlocksWithByteSizesDecode() {
		int id = registerJobStatus();
		byte[] item = encode(TestMessages.container(0, ContainerState.EXITED));
		byte[] sized = payload(id, (out) -> {
			jobStatusUpToContainers(out);
			out.writeLong(-1);
			out.writeLong(item.length);
			out.writeFixed(item);
			out.writeLong(0);
			out.writeLong(TestMessages.T0.toEpochMilli());
			out.writeIndex(0); // failure: null
			out.writeIndex(0); // removal: null
			out.writeIndex(0); // output: null
			out.writeIndex(0); // restart: null
		});
		byte[] wrongSize = payload(id, (out) -> {
			jobStatusUpToContainers(out);
			out.writeLong(-1);
			out.writeLong(item.length - 1);
			out.writeFixed(item);
			out.writeLong(0);
			out.writeLong(TestMessages.T0.toEpochMilli());
			out.writeIndex(0); // failure: null
			out.writeIndex(0); // removal: null
			out.writeIndex(0); // output: null
			out.writeIndex(0); // restart: null
		});

		assertThat(this.jobStatusReader.deserialize(TOPIC, sized).getContainers())
			.containsExactly(TestMessages.container(0, ContainerState.EXITED));
		assertRejected(wrongSize, "claims " + (item.length - 1) + " bytes but its items take " + item.length);
	}

	@Test
	void deepNestingIsRejectedBeforeAvroRecursesIntoIt() throws Exception {
		Schema list = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
				+ "{\"name\":\"value\",\"type\":\"int\"},{\"name\":\"next\",\"type\":[\"null\",\"Node\"],\"default\":null}]}");
		AvroPayloadValidator validator = new AvroPayloadValidator(list);

		validator.validate(nested(AvroPayloadValidator.MAX_DEPTH / 2), 0,
				nested(AvroPayloadValidator.MAX_DEPTH / 2).length);
		byte[] deep = nested(100_000);
		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> guard(() -> validator.validate(deep, 0, deep.length)))
			.withMessageContaining("nesting deeper than " + AvroPayloadValidator.MAX_DEPTH);
	}

	/**
	 * A linked list of {@code depth} nodes: value, then union index 1 (a node) or 0
	 * (null).
	 */
	private static byte[] nested(int depth) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		for (int i = 0; i < depth; i++) {
			encoder.writeInt(i);
			encoder.writeIndex((i < depth - 1) ? 1 : 0);
		}
		encoder.flush();
		return out.toByteArray();
	}

	// helpers

	private void assertRejected(byte[] data, String expectedMessage) {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> guard(() -> this.jobStatusReader.deserialize(TOPIC, data)))
			.withMessageContaining(expectedMessage);
	}

	private static void guard(Executable executable) {
		assertTimeoutPreemptively(HANG_GUARD, executable);
	}

	private byte[] serialize(String topic, SpecificRecord message) {
		return new AvroSerializer<SpecificRecord>(this.registry).serialize(topic, message);
	}

	private int registerJobStatus() {
		return register(JobStatus.getClassSchema());
	}

	private int register(Schema writer) {
		return this.registry.register(TOPIC + "-value", writer);
	}

	private interface Body {

		void write(BinaryEncoder out) throws IOException;

	}

	private static byte[] payload(int id, Body body) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.write(new byte[] { 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id });
			BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
			body.write(encoder);
			encoder.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] encode(ContainerInfo container) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
			new SpecificDatumWriter<>(ContainerInfo.class).write(container, encoder);
			encoder.flush();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * agentId "agent-1" (8 bytes), sequence 9 (1), jobId "job-42" (7), runNumber 0 (1),
	 * instructionId null (1).
	 */
	private static void jobStatusUpToKind(BinaryEncoder out) throws IOException {
		out.writeString("agent-1");
		out.writeLong(9);
		out.writeString("job-42");
		out.writeInt(0);
		out.writeIndex(0);
	}

	/**
	 * ... kind STARTED (1), reason null (1): 20 bytes; containers start at byte 20 of the
	 * body.
	 */
	private static void jobStatusUpToContainers(BinaryEncoder out) throws IOException {
		jobStatusUpToKind(out);
		out.writeEnum(1);
		out.writeIndex(0);
	}

	private static void validJobStatusBody(BinaryEncoder out) throws IOException {
		jobStatusUpToContainers(out);
		out.writeLong(0);
		out.writeLong(TestMessages.T0.toEpochMilli());
		out.writeIndex(0); // failure: null
		out.writeIndex(0); // removal: null
		out.writeIndex(0); // output: null
		out.writeIndex(0); // restart: null
	}

	private static Schema withLeadingField(Schema schema, String name, String typeJson) {
		return SchemaEvolutionTests.edit(schema, (root) -> {
			try {
				ObjectNode field = new ObjectMapper().createObjectNode().put("name", name);
				field.set("type",
						new ObjectMapper().readTree(typeJson.startsWith("{") ? typeJson : "\"" + typeJson + "\""));
				((ArrayNode) root.path("fields")).insert(0, field);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
