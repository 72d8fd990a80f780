package dev.dcf.schemes.serde;

/**
 * The bytes are not a well-formed Avro encoding of the writer schema. Internal: the
 * deserializer turns it into a {@code SerializationException}.
 */
class InvalidPayloadException extends Exception {

	InvalidPayloadException(String message) {
		super(message, null, false, false);
	}

}
