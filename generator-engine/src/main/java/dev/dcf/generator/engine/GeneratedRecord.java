package dev.dcf.generator.engine;

import java.util.Map;

/**
 * One generated record, not yet encoded.
 *
 * @param sequence its job-wide sequence number (see {@link GeneratorContext#sequence})
 * @param key the key: {@code null}, a {@code String}, a JSON-like tree ({@code Map},
 * {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null}) or an Avro
 * {@code GenericRecord}
 * @param value the value, of the same kinds
 * @param headers header names and values, in order
 */
public record GeneratedRecord(long sequence, Object key, Object value, Map<String, String> headers) {

	public GeneratedRecord {
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
	}

}
