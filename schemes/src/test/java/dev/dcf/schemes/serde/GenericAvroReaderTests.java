package dev.dcf.schemes.serde;

import java.util.Arrays;

import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.SchemaRegistryException;
import dev.dcf.schemes.testing.InMemorySchemaRegistryClient;
import dev.dcf.schemes.testing.TestMessages;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GenericAvroReaderTests {

	private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

	private final GenericAvroReader reader = new GenericAvroReader(this.registry);

	@Test
	void readsAFramedRecordWithItsWriterSchemaAlone() {
		byte[] data = new AvroSerializer<JobStatus>(this.registry).serialize("peek-topic",
				TestMessages.jobStatus(JobStatusKind.STARTED));

		Object datum = this.reader.read(data);

		assertThat(datum).isInstanceOf(GenericRecord.class);
		assertThat(((GenericRecord) datum).getSchema().getFullName())
			.isEqualTo(JobStatus.getClassSchema().getFullName());
		assertThat(GenericAvroReader.schemaId(data)).isPresent();
	}

	@Test
	void bytesWithoutTheMagicByteHaveNoSchemaId() {
		assertThat(GenericAvroReader.schemaId("{\"a\":1}".getBytes())).isEmpty();
		assertThat(GenericAvroReader.schemaId(new byte[] { 0, 0, 0 })).isEmpty();
		assertThat(GenericAvroReader.schemaId(null)).isEmpty();
	}

	@Test
	void aTruncatedPayloadFailsCleanly() {
		byte[] data = new AvroSerializer<JobStatus>(this.registry).serialize("peek-topic",
				TestMessages.jobStatus(JobStatusKind.STARTED));

		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.reader.read(Arrays.copyOf(data, data.length - 3)))
			.withMessageContaining("corrupt Avro payload");
	}

	@Test
	void anUnknownSchemaIdIsTheRegistrysAnswer() {
		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.reader.read(new byte[] { 0, 0, 0, 0x7f, 0x7f, 2 }));
	}

}
