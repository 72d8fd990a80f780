package dev.dcf.schemes.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.schemes.AvroClassTrust;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format.
 *
 * <p>
 * The schema is registered under {@code <topic>-value} ({@code <topic>-key} for keys), or
 * only looked up when auto-registration is off; its id is cached by the registry client.
 * {@code null} is written as {@code null} (a tombstone). Failures are
 * {@link SerializationException}s. Thread-safe.
 *
 * <p>
 * Created by Kafka from configuration, it reads {@link AvroSerdeConfig#REGISTRY_URL} and
 * {@link AvroSerdeConfig#AUTO_REGISTER}; created with a client, {@link #configure} only
 * takes key/value and the auto-register flag.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

	static {
		AvroClassTrust.install();
	}

	private final Map<Class<?>, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

	private volatile SchemaRegistryClient client;

	private volatile boolean autoRegister;

	private volatile boolean isKey;

	/** For Kafka: {@link #configure} must be called. */
	public AvroSerializer() {
		this.autoRegister = true;
	}

	public AvroSerializer(SchemaRegistryClient client) {
		this(client, true);
	}

	public AvroSerializer(SchemaRegistryClient client, boolean autoRegister) {
		if (client == null) {
			throw new IllegalArgumentException("client must not be null");
		}
		this.client = client;
		this.autoRegister = autoRegister;
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.isKey = isKey;
		this.autoRegister = AvroSerdeConfig.autoRegister(configs, this.autoRegister);
		if (this.client == null) {
			this.client = AvroSerdeConfig.registryClient(configs);
		}
	}

	@Override
	public byte[] serialize(String topic, T data) {
		if (data == null) {
			return null;
		}
		SchemaRegistryClient registry = this.client;
		if (registry == null) {
			throw new SerializationException("AvroSerializer is not configured: set " + AvroSerdeConfig.REGISTRY_URL);
		}
		Schema schema = data.getSchema();
		String subject = WireFormat.subject(topic, this.isKey);
		int id = schemaId(registry, subject, schema);
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.write(WireFormat.MAGIC_BYTE);
		out.write(id >>> 24);
		out.write(id >>> 16);
		out.write(id >>> 8);
		out.write(id);
		try {
			BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
			writer(data).write(data, encoder);
			encoder.flush();
		}
		catch (IOException | RuntimeException ex) {
			throw new SerializationException(
					"Cannot serialize " + schema.getName() + " for topic " + topic + ": " + ex.getMessage(), ex);
		}
		return out.toByteArray();
	}

	private int schemaId(SchemaRegistryClient registry, String subject, Schema schema) {
		try {
			return this.autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema);
		}
		catch (SchemaRegistryException ex) {
			throw new SerializationException("Cannot " + (this.autoRegister ? "register" : "look up") + " schema "
					+ schema.getFullName() + " under subject " + subject + ": " + ex.getMessage(), ex);
		}
	}

	private DatumWriter<Object> writer(T data) {
		return this.writers.computeIfAbsent(data.getClass(),
				(type) -> new SpecificDatumWriter<>(data.getSchema(), SpecificData.getForClass(type)));
	}

}
