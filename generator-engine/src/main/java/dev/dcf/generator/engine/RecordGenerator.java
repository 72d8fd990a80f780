package dev.dcf.generator.engine;

/**
 * The records of one container, one after the other. Deterministic: the same spec and
 * context give the same records in the same order. Not thread-safe: one per producing
 * thread.
 */
public interface RecordGenerator {

	/**
	 * The next record of this container.
	 * @return the record
	 */
	GeneratedRecord next();

}
