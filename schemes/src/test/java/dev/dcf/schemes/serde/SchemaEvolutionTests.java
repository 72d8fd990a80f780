package dev.dcf.schemes.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.RemovalCause;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.schemes.testing.InMemorySchemaRegistryClient;
import dev.dcf.schemes.testing.TestMessages;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Records written with other versions of our schemas, read by the current generated
 * classes.
 */
class SchemaEvolutionTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

	private final AvroDeserializer<JobStatus> reader = new AvroDeserializer<>(this.registry, JobStatus.class);

	@Test
	void oldWriterWithoutAFieldIsReadWithTheFieldsDefault() {
		Schema old = edit(JobStatus.getClassSchema(), (root) -> removeField(root, "runNumber"));
		assertThat(compatibility(JobStatus.getClassSchema(), old)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		GenericRecord written = jobStatus(old)
			.set("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "STARTED"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(old, written));

		assertThat(read.getRunNumber()).isZero();
		assertThat(read.getKind()).isEqualTo(JobStatusKind.STARTED);
		assertThat(read.getAgentId()).isEqualTo("agent-1");
		assertThat(read.getTimestamp()).isEqualTo(TestMessages.T0);
	}

	@Test
	void oldJobStatusWithoutTheStartFailureIsReadWithFailureNull() {
		Schema old = edit(JobStatus.getClassSchema(), (root) -> removeField(root, "failure"));
		assertThat(old.getField("failure")).isNull();
		assertThat(compatibility(JobStatus.getClassSchema(), old)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		GenericRecord written = jobStatus(old)
			.set("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "START_FAILED"))
			.set("reason", "agent agent-1 is unhealthy: docker")
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(old, written));

		assertThat(read.getKind()).isEqualTo(JobStatusKind.START_FAILED);
		assertThat(read.getReason()).isEqualTo("agent agent-1 is unhealthy: docker");
		assertThat(read.getFailure()).isNull();
	}

	@Test
	void newerWriterWithAnUnknownStartFailureIsReadAsUnknown() {
		Schema newer = edit(JobStatus.getClassSchema(),
				(root) -> addEnumSymbol(field(root, "failure").path("type").path(1), "QUOTA_EXCEEDED"));
		assertThat(compatibility(JobStatus.getClassSchema(), newer)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		Schema failureSchema = newer.getField("failure").schema().getTypes().get(1);
		GenericRecord written = jobStatus(newer)
			.set("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "START_FAILED"))
			.set("reason", "over quota")
			.set("failure", new GenericData.EnumSymbol(failureSchema, "QUOTA_EXCEEDED"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(newer, written));

		assertThat(read.getFailure()).isEqualTo(StartFailure.UNKNOWN);
	}

	@Test
	void oldJobStatusWithoutTheRemovalCauseIsReadWithRemovalNull() {
		Schema old = edit(JobStatus.getClassSchema(), (root) -> removeField(root, "removal"));
		assertThat(compatibility(JobStatus.getClassSchema(), old)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		GenericRecord written = jobStatus(old)
			.set("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "REMOVED"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(old, written));

		assertThat(read.getKind()).isEqualTo(JobStatusKind.REMOVED);
		assertThat(read.getRemoval()).isNull();
	}

	@Test
	void removalCauseDeadlineTravelsAsWritten() {
		Schema current = JobStatus.getClassSchema();
		Schema removalSchema = current.getField("removal").schema().getTypes().get(1);
		GenericRecord written = jobStatus(current)
			.set("kind", new GenericData.EnumSymbol(current.getField("kind").schema(), "REMOVED"))
			.set("removal", new GenericData.EnumSymbol(removalSchema, "DEADLINE"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(current, written));

		assertThat(read.getRemoval()).isEqualTo(RemovalCause.DEADLINE);
	}

	@Test
	void newerWriterWithAnUnknownRemovalCauseIsReadAsUnknown() {
		Schema newer = edit(JobStatus.getClassSchema(),
				(root) -> addEnumSymbol(field(root, "removal").path("type").path(1), "EVICTED"));
		assertThat(compatibility(JobStatus.getClassSchema(), newer)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		Schema removalSchema = newer.getField("removal").schema().getTypes().get(1);
		GenericRecord written = jobStatus(newer)
			.set("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "REMOVED"))
			.set("removal", new GenericData.EnumSymbol(removalSchema, "EVICTED"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(newer, written));

		assertThat(read.getRemoval()).isEqualTo(RemovalCause.UNKNOWN);
	}

	@Test
	void oldContainerInfoWithoutAgentIdAndDeadlineIsReadWithBothNull() {
		Schema old = edit(JobStatus.getClassSchema(), (root) -> {
			ObjectNode container = (ObjectNode) field(root, "containers").path("type").path("items");
			removeField(container, "agentId");
			removeField(container, "deadline");
		});
		assertThat(compatibility(JobStatus.getClassSchema(), old)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		Schema containerSchema = old.getField("containers").schema().getElementType();
		GenericRecord container = new GenericRecordBuilder(containerSchema).set("jobId", "job-42")
			.set("index", 0)
			.set("containerId", "c0ffee0")
			.set("name", "dcf-job-42-0")
			.build();
		GenericRecord written = jobStatus(old)
			.set("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "STARTED"))
			.set("containers", List.of(container))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(old, written));

		assertThat(read.getContainers()).singleElement().satisfies((info) -> {
			assertThat(info.getAgentId()).isNull();
			assertThat(info.getDeadline()).isNull();
		});
	}

	@Test
	void agentStatusListsContainersWithTheirAgentAndDeadline() {
		Schema containerSchema = AgentStatus.getClassSchema().getField("containers").schema().getElementType();
		assertThat(containerSchema.getField("agentId").defaultVal())
			.isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
		assertThat(containerSchema.getField("deadline").defaultVal())
			.isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
	}

	static Stream<Schema> messageSchemas() {
		return Stream.of(JobInstruction.getClassSchema(), JobStatus.getClassSchema(), AgentStatus.getClassSchema());
	}

	@ParameterizedTest
	@MethodSource("messageSchemas")
	void everyFieldWithADefaultCouldBeMissingFromAnOlderWriter(Schema current) {
		List<Schema.Field> withDefaults = current.getFields().stream().filter(Schema.Field::hasDefaultValue).toList();
		assertThat(withDefaults).isNotEmpty();
		for (Schema.Field field : withDefaults) {
			Schema old = edit(current, (root) -> removeField(root, field.name()));
			assertThat(compatibility(current, old)).as("reading a writer without %s", field.name())
				.isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		}
	}

	@Test
	void newerWriterWithAnUnknownEnumSymbolIsReadAsTheEnumDefault() {
		Schema newer = edit(JobStatus.getClassSchema(),
				(root) -> addEnumSymbol(field(root, "kind").path("type"), "PAUSED"));
		assertThat(compatibility(JobStatus.getClassSchema(), newer)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		GenericRecord written = jobStatus(newer).set("runNumber", 2)
			.set("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "PAUSED"))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(newer, written));

		assertThat(read.getKind()).isEqualTo(JobStatusKind.UNKNOWN);
		assertThat(read.getRunNumber()).isEqualTo(2);
	}

	@Test
	void pullingTravelsAsWrittenWithItsReason() {
		Schema current = JobStatus.getClassSchema();
		GenericRecord written = jobStatus(current)
			.set("kind", new GenericData.EnumSymbol(current.getField("kind").schema(), "PULLING"))
			.set("reason", "pulling image dcf/gen:1 for 40 s")
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(current, written));

		assertThat(read.getKind()).isEqualTo(JobStatusKind.PULLING);
		assertThat(read.getReason()).isEqualTo("pulling image dcf/gen:1 for 40 s");
	}

	@Test
	void aReaderOlderThanPullingReadsItAsUnknown() throws IOException {
		Schema current = JobStatus.getClassSchema();
		Schema older = edit(current, (root) -> {
			ArrayNode symbols = (ArrayNode) field(root, "kind").path("type").path("symbols");
			for (int i = 0; i < symbols.size(); i++) {
				if (symbols.get(i).asText().equals("PULLING")) {
					symbols.remove(i);
				}
			}
		});
		assertThat(older.getField("kind").schema().getEnumSymbols()).doesNotContain("PULLING");
		// an older handler reads records of a newer agent
		assertThat(compatibility(older, current)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		GenericRecord written = jobStatus(current)
			.set("kind", new GenericData.EnumSymbol(current.getField("kind").schema(), "PULLING"))
			.build();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(current).write(written, encoder);
		encoder.flush();

		GenericRecord read = new GenericDatumReader<GenericRecord>(current, older).read(null,
				DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

		assertThat(read.get("kind")).hasToString("UNKNOWN");
	}

	@Test
	void newerWriterWithAnUnknownSharedEnumSymbolIsReadAsTheEnumDefault() {
		Schema newer = edit(JobStatus.getClassSchema(), (root) -> addEnumSymbol(
				field(field(root, "containers").path("type").path("items"), "state").path("type"), "ZOMBIE"));
		assertThat(compatibility(JobStatus.getClassSchema(), newer)).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
		Schema containerSchema = newer.getField("containers").schema().getElementType();
		GenericRecord container = new GenericRecordBuilder(containerSchema).set("jobId", "job-42")
			.set("index", 0)
			.set("containerId", "c0ffee0")
			.set("name", "dcf-job-42-0")
			.set("state", new GenericData.EnumSymbol(containerSchema.getField("state").schema(), "ZOMBIE"))
			.build();
		GenericRecord written = jobStatus(newer)
			.set("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "CONTAINER_EXITED"))
			.set("containers", List.of(container))
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(newer, written));

		assertThat(read.getContainers()).singleElement()
			.satisfies((info) -> assertThat(info.getState()).isEqualTo(ContainerState.UNKNOWN));
	}

	@Test
	void newerWriterWithAnExtraFieldIsReadWithoutIt() {
		Schema newer = edit(JobStatus.getClassSchema(), (root) -> ((ArrayNode) root.path("fields"))
			.add(JSON.createObjectNode().put("name", "priority").put("type", "int").put("default", 0)));
		GenericRecord written = jobStatus(newer)
			.set("kind", new GenericData.EnumSymbol(newer.getField("kind").schema(), "REMOVED"))
			.set("priority", 7)
			.build();

		JobStatus read = this.reader.deserialize(DcfTopics.JOB_STATUS, encode(newer, written));

		assertThat(read.getKind()).isEqualTo(JobStatusKind.REMOVED);
		assertThat(read.getSequence()).isEqualTo(9L);
	}

	@Test
	void incompatibleWriterIsAClearSerializationException() {
		Schema changedType = edit(JobStatus.getClassSchema(), (root) -> field(root, "sequence").put("type", "string"));
		assertThat(compatibility(JobStatus.getClassSchema(), changedType))
			.isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
		GenericRecord written = jobStatus(changedType).set("sequence", "nine")
			.set("kind", new GenericData.EnumSymbol(changedType.getField("kind").schema(), "STARTED"))
			.build();
		byte[] bytes = encode(changedType, written);

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.reader.deserialize(DcfTopics.JOB_STATUS, bytes))
			.withMessageContaining("cannot be read as dev.dcf.schemes.avro.JobStatus")
			.withMessageContaining("TYPE_MISMATCH")
			.withMessageContaining("sequence");
	}

	private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
		return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
	}

	/** A JobStatus of the writer schema with its required fields set (not kind). */
	private static GenericRecordBuilder jobStatus(Schema writer) {
		return new GenericRecordBuilder(writer).set("agentId", "agent-1")
			.set("sequence", 9L)
			.set("jobId", "job-42")
			.set("timestamp", TestMessages.T0.toEpochMilli());
	}

	/** Registers the writer schema and encodes the record in the wire format. */
	private byte[] encode(Schema writer, GenericRecord record) {
		int id = this.registry.register(DcfTopics.JOB_STATUS + "-value", writer);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0);
		out.write(id >>> 24);
		out.write(id >>> 16);
		out.write(id >>> 8);
		out.write(id);
		try {
			BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
			new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
			encoder.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/** A copy of {@code schema} with its JSON edited. */
	static Schema edit(Schema schema, Consumer<ObjectNode> change) {
		try {
			ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
			change.accept(root);
			return new Schema.Parser().parse(root.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ObjectNode field(JsonNode record, String name) {
		for (JsonNode field : record.path("fields")) {
			if (field.path("name").asText().equals(name)) {
				return (ObjectNode) field;
			}
		}
		throw new IllegalArgumentException("no field " + name);
	}

	static void removeField(ObjectNode record, String name) {
		ArrayNode fields = (ArrayNode) record.path("fields");
		for (int i = 0; i < fields.size(); i++) {
			if (fields.get(i).path("name").asText().equals(name)) {
				fields.remove(i);
				return;
			}
		}
		throw new IllegalArgumentException("no field " + name);
	}

	static void addEnumSymbol(JsonNode enumSchema, String symbol) {
		((ArrayNode) enumSchema.path("symbols")).add(symbol);
	}

}
