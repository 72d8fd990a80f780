package dev.dcf.schemes.serde;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Reads any Confluent-framed Avro datum with its writer schema alone, as a generic datum
 * (no generated class): for showing records of topics whose schemas DCF does not know.
 * The bytes are checked by {@link AvroPayloadValidator} first, so corrupt input fails
 * with a {@link SerializationException} in time and memory linear in its size. Writer
 * schemas are cached by id (at most {@value #MAX_SCHEMAS}). Thread-safe.
 */
public final class GenericAvroReader {

	static final int MAX_SCHEMAS = 1000;

	private final SchemaRegistryClient client;

	private final Map<Integer, Plan> plans = new ConcurrentHashMap<>();

	public GenericAvroReader(SchemaRegistryClient client) {
		if (client == null) {
			throw new IllegalArgumentException("client must not be null");
		}
		this.client = client;
	}

	/**
	 * The schema id of Confluent-framed bytes.
	 * @param data the bytes, may be {@code null}
	 * @return the id, empty if the bytes are too short or do not start with the magic
	 * byte
	 */
	public static OptionalInt schemaId(byte[] data) {
		if (data == null || data.length < WireFormat.HEADER_SIZE || data[0] != WireFormat.MAGIC_BYTE) {
			return OptionalInt.empty();
		}
		return OptionalInt
			.of(((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff));
	}

	/**
	 * Decodes Confluent-framed bytes with the writer schema their id names.
	 * @param data the bytes, framed (see {@link #schemaId})
	 * @return the datum (a {@code GenericData.Record} for a record schema)
	 * @throws SchemaRegistryException if the registry does not know the id or cannot be
	 * reached
	 * @throws SerializationException if the bytes are not framed or not a valid encoding
	 * of the writer schema
	 */
	public Object read(byte[] data) {
		int id = schemaId(data)
			.orElseThrow(() -> new SerializationException("not in the Confluent wire format (magic byte, schema id)"));
		Plan plan = plan(id);
		int length = data.length - WireFormat.HEADER_SIZE;
		try {
			plan.validator().validate(data, WireFormat.HEADER_SIZE, length);
		}
		catch (InvalidPayloadException ex) {
			throw new SerializationException("corrupt Avro payload for schema id " + id + ": " + ex.getMessage());
		}
		try {
			return new GenericDatumReader<>(plan.writer()).read(null,
					DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE, length, null));
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException("cannot decode Avro payload for schema id " + id + ": " + ex, ex);
		}
	}

	private Plan plan(int id) {
		Plan plan = this.plans.get(id);
		if (plan != null) {
			return plan;
		}
		Schema writer = this.client.schemaById(id);
		plan = new Plan(writer, new AvroPayloadValidator(writer));
		if (this.plans.size() >= MAX_SCHEMAS) {
			this.plans.clear();
		}
		this.plans.putIfAbsent(id, plan);
		return plan;
	}

	private record Plan(Schema writer, AvroPayloadValidator validator) {
	}

}
