package dev.dcf.generator.app;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;

/**
 * The text formats, UTF-8: compact JSON, and strings.
 */
final class TextEncoders {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private TextEncoders() {
	}

	/**
	 * JSON text: JSON-like trees with Jackson, Avro records in Avro's JSON rendering.
	 */
	static Encoder json() {
		return (data) -> {
			if (data == null) {
				return null;
			}
			if (data instanceof GenericContainer avro) {
				return GenericData.get().toString(avro).getBytes(StandardCharsets.UTF_8);
			}
			try {
				return MAPPER.writeValueAsBytes(data);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("Cannot write " + data.getClass().getName() + " as JSON", ex);
			}
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

}
