package dev.dcf.generator.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;

/**
 * The text formats, UTF-8: compact JSON, and strings.
 */
final class TextEncoders {

	// Schubfach instead of Double.toString: numbers are much of a record's cost
	private static final ObjectMapper MAPPER = JsonMapper.builder()
		.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
		.build();

	private static final JsonFactory FACTORY = MAPPER.getFactory();

	private TextEncoders() {
	}

	/**
	 * JSON text: JSON-like trees written straight to a generator (no serializer lookup
	 * per value; other objects through Jackson's mapper), Avro records in Avro's JSON
	 * rendering. The encoder reuses its buffer: one per thread.
	 */
	static Encoder json() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
		JsonGenerator generator;
		try {
			// one generator for every record: flushed after each, no separator between
			// them
			generator = FACTORY.createGenerator(buffer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		generator.setRootValueSeparator(null);
		return (data) -> {
			if (data == null) {
				return null;
			}
			if (data instanceof GenericContainer avro) {
				return GenericData.get().toString(avro).getBytes(StandardCharsets.UTF_8);
			}
			buffer.reset();
			try {
				write(generator, data);
				generator.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + data.getClass().getName() + " as JSON", ex);
			}
			return buffer.toByteArray();
		};
	}

	/**
	 * Strings as they are (no quotes), anything else as its JSON text.
	 */
	static Encoder string() {
		Encoder json = json();
		return (data) -> (data instanceof CharSequence text) ? text.toString().getBytes(StandardCharsets.UTF_8)
				: json.encode(data);
	}

	private static void write(JsonGenerator generator, Object value) throws IOException {
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof Map<?, ?> map) {
			generator.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				generator.writeFieldName(String.valueOf(entry.getKey()));
				write(generator, entry.getValue());
			}
			generator.writeEndObject();
		}
		else if (value instanceof List<?> list) {
			generator.writeStartArray();
			for (Object element : list) {
				write(generator, element);
			}
			generator.writeEndArray();
		}
		else if (value instanceof Double number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Long number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Integer number) {
			generator.writeNumber(number);
		}
		else if (value instanceof Boolean bool) {
			generator.writeBoolean(bool);
		}
		else if (value instanceof BigDecimal number) {
			generator.writeNumber(number);
		}
		else if (value instanceof BigInteger number) {
			generator.writeNumber(number);
		}
		else {
			MAPPER.writeValue(generator, value);
		}
	}

}
