package dev.dcf.generator.engine;

import org.apache.avro.Schema;

/**
 * What to generate, parsed and checked once (a template, an Avro schema with hints, a
 * quickstart); every container makes its own {@link RecordGenerator} of it.
 */
public interface GeneratorSpec {

	/**
	 * The generator of one container.
	 * @param context the job's seed and the container's place
	 * @return a generator of that container's records
	 */
	RecordGenerator generator(GeneratorContext context);

	/**
	 * The Avro schema of the values, for specs that have one (then values are
	 * {@code GenericRecord}s).
	 * @return the schema, or {@code null} for JSON-like values
	 */
	default Schema valueSchema() {
		return null;
	}

	/**
	 * The Avro schema of the keys, for specs whose keys are Avro.
	 * @return the schema, or {@code null} for string or JSON-like keys (or none)
	 */
	default Schema keySchema() {
		return null;
	}

}
