package dev.dcf.schemes.serde;

/**
 * The Confluent wire format: byte {@value #MAGIC_BYTE}, the schema id as a 4-byte
 * big-endian int, then the Avro binary encoding. Subjects follow Confluent's
 * TopicNameStrategy.
 */
public final class WireFormat {

	/** First byte of every record. */
	public static final byte MAGIC_BYTE = 0;

	/** Magic byte plus schema id. */
	public static final int HEADER_SIZE = 5;

	private WireFormat() {
	}

	/**
	 * The subject of a topic's keys or values (TopicNameStrategy).
	 * @param topic the topic
	 * @param isKey whether the schema is that of the keys
	 * @return {@code <topic>-key} or {@code <topic>-value}
	 */
	public static String subject(String topic, boolean isKey) {
		if (topic == null || topic.isEmpty()) {
			throw new IllegalArgumentException("topic is required to name the subject");
		}
		return topic + (isKey ? "-key" : "-value");
	}

}
