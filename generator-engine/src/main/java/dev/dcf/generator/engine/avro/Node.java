package dev.dcf.generator.engine.avro;

/**
 * The generator of one schema node, compiled once per spec from the schema and its hints.
 * Stateless: what changes from record to record (the random source, the iteration
 * counters) is in the {@link Run} of one container.
 */
abstract class Node {

	/**
	 * The next value of this node.
	 * @param run the container's state
	 * @return a value valid against the node's schema
	 */
	abstract Object next(Run run);

}
