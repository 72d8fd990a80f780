package dev.dcf.generator.app;

/**
 * Turns a generated key or value into the bytes of a Kafka record. Not thread-safe: one
 * per producing thread (encoders reuse their buffers).
 */
@FunctionalInterface
interface Encoder {

	/**
	 * @param data a key or value of a {@link dev.dcf.generator.engine.GeneratedRecord}
	 * @return its bytes, {@code null} for {@code null}
	 */
	byte[] encode(Object data);

}
