package dev.dcf.handler.peek;

/**
 * Bytes of a record (key, value or header) as shown to people: decoded into text, cut to
 * a bound. The text is raw, never markup: whoever renders it escapes it.
 *
 * @param format how the bytes were read
 * @param text the decoded text, {@code null} for {@link Format#NULL}
 * @param truncated whether {@code text} was cut to the bound
 * @param note why the bytes were not decoded better (e.g. the registry does not know the
 * schema id), or the schema an Avro value was read with; {@code null} if nothing to say
 */
public record PeekedBytes(Format format, String text, boolean truncated, String note) {

	/** How bytes were read, best first. */
	public enum Format {

		/** Confluent-framed Avro, decoded with the writer schema and shown as JSON. */
		AVRO,
		/** JSON (an object or an array), pretty-printed. */
		JSON,
		/** UTF-8 text without control characters. */
		TEXT,
		/** Anything else, as hexadecimal bytes. */
		BINARY,
		/** No bytes at all ({@code null}, such as a record without key). */
		NULL

	}

	/** No bytes. */
	public static final PeekedBytes NONE = new PeekedBytes(Format.NULL, null, false, null);

}
