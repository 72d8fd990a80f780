package dev.dcf.generator.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.WireFormat;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro records in the Confluent wire format (the framing of
 * {@link dev.dcf.schemes.serde.AvroSerializer}, for generic records): magic byte 0, the
 * schema id as a 4-byte big-endian int, the Avro binary encoding. The schema is
 * registered once, when the encoder is made, under {@code <topic>-value} or
 * {@code <topic>-key}.
 */
final class AvroEncoder implements Encoder {

	private final byte[] header = new byte[WireFormat.HEADER_SIZE];

	private final DatumWriter<Object> writer;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

	private BinaryEncoder encoder;

	private final int schemaId;

	/**
	 * @throws dev.dcf.schemes.registry.SchemaRegistryException when the registry refuses
	 * the schema or cannot be reached
	 */
	AvroEncoder(SchemaRegistryClient registry, String topic, boolean isKey, Schema schema) {
		this.schemaId = registry.register(WireFormat.subject(topic, isKey), schema);
		this.header[0] = WireFormat.MAGIC_BYTE;
		this.header[1] = (byte) (this.schemaId >>> 24);
		this.header[2] = (byte) (this.schemaId >>> 16);
		this.header[3] = (byte) (this.schemaId >>> 8);
		this.header[4] = (byte) this.schemaId;
		// SpecificData writes generic records and generated classes alike
		this.writer = new SpecificDatumWriter<>(schema, SpecificData.get());
	}

	int schemaId() {
		return this.schemaId;
	}

	@Override
	public byte[] encode(Object data) {
		if (data == null) {
			return null;
		}
		this.buffer.reset();
		this.buffer.write(this.header, 0, this.header.length);
		try {
			this.encoder = EncoderFactory.get().binaryEncoder(this.buffer, this.encoder);
			this.writer.write(data, this.encoder);
			this.encoder.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this.buffer.toByteArray();
	}

}
