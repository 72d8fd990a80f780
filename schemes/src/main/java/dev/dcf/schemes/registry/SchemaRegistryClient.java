package dev.dcf.schemes.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent schema registry API that DCF's serde needs.
 *
 * <p>
 * Implementations are thread-safe. Every method throws {@link SchemaRegistryException}
 * when the registry refuses the request or cannot be reached.
 */
public interface SchemaRegistryClient {

	/**
	 * Registers {@code schema} under {@code subject}, or finds it if it is already there.
	 * @param subject e.g. {@code dcf.job-status-value}
	 * @param schema the schema
	 * @return the global schema id
	 */
	int register(String subject, Schema schema);

	/**
	 * Finds the id of {@code schema} under {@code subject} without registering it.
	 * @param subject the subject
	 * @param schema the schema
	 * @return the global schema id
	 */
	int lookup(String subject, Schema schema);

	/**
	 * The schema with a global id, as found in the Confluent wire format.
	 * @param id the schema id
	 * @return the schema
	 */
	Schema schemaById(int id);

	/**
	 * The latest version registered under {@code subject}.
	 * @param subject the subject
	 * @return the latest version
	 */
	RegisteredSchema latest(String subject);

}
