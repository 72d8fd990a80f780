package dev.dcf.generator.app;

import java.util.Locale;

/**
 * How records are written ({@code FORMAT}).
 */
enum Format {

	/** Compact JSON text (UTF-8). */
	JSON,

	/** Confluent wire format: magic byte 0, 4-byte schema id, Avro binary. */
	AVRO,

	/** Strings as they are, anything else as its text (UTF-8). */
	STRING;

	static Format parse(String value) {
		return valueOf(value.trim().toUpperCase(Locale.ROOT));
	}

	String lowerCase() {
		return name().toLowerCase(Locale.ROOT);
	}

}
