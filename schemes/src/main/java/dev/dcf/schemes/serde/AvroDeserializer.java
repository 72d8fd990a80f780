package dev.dcf.schemes.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.schemes.AvroClassTrust;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads generated Avro records from the Confluent wire format.
 *
 * <p>
 * The writer schema is fetched from the registry by the id in the record, once per id,
 * and resolved against the schema of the generated class (schema evolution: fields the
 * reader added get their defaults, unknown enum symbols the enum default). Before Avro
 * sees the bytes, {@link AvroPayloadValidator} checks them against the writer schema, so
 * corrupt input fails fast with a {@link SerializationException} instead of an
 * {@code OutOfMemoryError} or a hang. {@code null} is read as {@code null}. Thread-safe.
 *
 * <p>
 * Created by Kafka from configuration, it reads {@link AvroSerdeConfig#REGISTRY_URL} and
 * {@link AvroSerdeConfig#VALUE_TYPE} (or {@link AvroSerdeConfig#KEY_TYPE}).
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

	static {
		AvroClassTrust.install();
	}

	private final Map<Integer, WriterPlan<T>> plans = new ConcurrentHashMap<>();

	private volatile SchemaRegistryClient client;

	private volatile Class<T> type;

	private volatile DecodingModel model;

	/** For Kafka: {@link #configure} must be called. */
	public AvroDeserializer() {
	}

	public AvroDeserializer(SchemaRegistryClient client, Class<T> type) {
		if (client == null || type == null) {
			throw new IllegalArgumentException("client and type must not be null");
		}
		this.client = client;
		this.type = type;
		this.model = DecodingModel.forType(type);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		if (this.client == null) {
			this.client = AvroSerdeConfig.registryClient(configs);
		}
		if (this.type == null) {
			Class<T> configured = AvroSerdeConfig.recordType(configs, isKey);
			this.model = DecodingModel.forType(configured);
			this.type = configured;
		}
	}

	@Override
	public T deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		if (this.client == null || this.type == null) {
			throw new SerializationException("AvroDeserializer is not configured: set " + AvroSerdeConfig.REGISTRY_URL
					+ " and " + AvroSerdeConfig.VALUE_TYPE);
		}
		if (data.length < WireFormat.HEADER_SIZE) {
			throw error(topic, "record of " + data.length + " bytes is shorter than the " + WireFormat.HEADER_SIZE
					+ "-byte Confluent header (magic byte, schema id)", null);
		}
		if (data[0] != WireFormat.MAGIC_BYTE) {
			throw error(topic,
					String.format("unknown magic byte 0x%02x (expected 0x00: Confluent wire format)", data[0] & 0xff),
					null);
		}
		int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
		WriterPlan<T> plan = plan(topic, id);
		int length = data.length - WireFormat.HEADER_SIZE;
		try {
			plan.validator().validate(data, WireFormat.HEADER_SIZE, length);
		}
		catch (InvalidPayloadException ex) {
			throw error(topic, "corrupt Avro payload for schema id " + id + ": " + ex.getMessage(), null);
		}
		try {
			return plan.reader()
				.read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE, length, null));
		}
		catch (IOException | RuntimeException ex) {
			throw error(topic, "cannot decode Avro payload for schema id " + id + ": " + ex, ex);
		}
	}

	private WriterPlan<T> plan(String topic, int id) {
		WriterPlan<T> plan = this.plans.get(id);
		if (plan != null) {
			return plan;
		}
		Schema writer;
		try {
			writer = this.client.schemaById(id);
		}
		catch (SchemaRegistryException ex) {
			String detail = ex.isNotFound() ? "unknown schema id " + id : "cannot fetch schema id " + id;
			throw error(topic, detail + ": " + ex.getMessage(), ex);
		}
		Schema reader = this.model.getSchema(this.type);
		SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
		if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
			throw error(topic, "writer schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
					+ reader.getFullName() + ": " + Incompatibilities.describe(reader, compatibility), null);
		}
		DatumReader<T> datumReader = new SpecificDatumReader<>(writer, reader, this.model);
		plan = new WriterPlan<>(new AvroPayloadValidator(writer), datumReader);
		WriterPlan<T> previous = this.plans.putIfAbsent(id, plan);
		return (previous != null) ? previous : plan;
	}

	private SerializationException error(String topic, String detail, Throwable cause) {
		return new SerializationException(
				"Cannot deserialize " + this.type.getSimpleName() + " from topic " + topic + ": " + detail, cause);
	}

	/** What reading one writer schema id needs. */
	private record WriterPlan<T>(AvroPayloadValidator validator, DatumReader<T> reader) {
	}

}
